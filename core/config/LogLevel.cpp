#include "LogLevel.h"

namespace aiband {

std::optional<LogLevel> parseLogLevel(const QString &text)
{
    const QString name = text.trimmed().toLower();
    if (name == QLatin1String("debug"))
        return LogLevel::Debug;
    if (name == QLatin1String("info"))
        return LogLevel::Info;
    if (name == QLatin1String("warning") || name == QLatin1String("warn"))
        return LogLevel::Warning;
    if (name == QLatin1String("error"))
        return LogLevel::Error;
    if (name == QLatin1String("critical") || name == QLatin1String("fatal"))
        return LogLevel::Critical;
    return std::nullopt;
}

QString logLevelName(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return QStringLiteral("debug");
    case LogLevel::Info: return QStringLiteral("info");
    case LogLevel::Warning: return QStringLiteral("warning");
    case LogLevel::Error: return QStringLiteral("error");
    case LogLevel::Critical: return QStringLiteral("critical");
    }
    return QStringLiteral("info");
}

} // namespace aiband
