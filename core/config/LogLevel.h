#pragma once

#include <QString>

#include <optional>

namespace aiband {

// Severity threshold for the application's own log categories.
enum class LogLevel { Debug, Info, Warning, Error, Critical };

// Accepts the Python logging names of the original orchestrator (DEBUG, INFO, WARNING, ERROR,
// CRITICAL) and Qt's spelling, case-insensitively, plus "warn".
std::optional<LogLevel> parseLogLevel(const QString &text);
QString logLevelName(LogLevel level);

} // namespace aiband
