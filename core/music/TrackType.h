#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

// Which part; what each part is (name, channel, generator...) is its row in PartRegistry.
// Full is every part in one multi-track file.
enum class TrackType { Bass, Drums, Keys, Full };

QString trackTypeName(TrackType type);
std::optional<TrackType> parseTrackType(const QString &name);
QStringList trackTypeNames();

} // namespace aiband
