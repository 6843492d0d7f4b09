#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

enum class TrackType { Bass, Drums, Keys };

QString trackTypeName(TrackType type);
std::optional<TrackType> parseTrackType(const QString &name);
QStringList trackTypeNames();

} // namespace aiband
