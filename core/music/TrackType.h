#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

// Full is every part in one multi-track file.
enum class TrackType { Bass, Drums, Keys, Full };

QString trackTypeName(TrackType type);
std::optional<TrackType> parseTrackType(const QString &name);
QStringList trackTypeNames();

} // namespace aiband
