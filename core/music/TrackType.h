#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

// Which part: the position of its row in music/PartRegistry.cpp, where everything about a part
// is. The parts the code names on purpose have constants here; any other part (a new row) is
// reached through the registry and needs none.
class TrackType {
public:
    static const TrackType Bass;
    static const TrackType Drums;
    static const TrackType Keys;
    static const TrackType Full;   // the full band (bass, drums, keys) in one multi-track file
    static const TrackType Guitar;

    constexpr explicit TrackType(int row) : m_row(row) {}
    constexpr int row() const { return m_row; }
    constexpr bool operator==(const TrackType &) const = default;

private:
    int m_row;
};

inline constexpr TrackType TrackType::Bass{0};
inline constexpr TrackType TrackType::Drums{1};
inline constexpr TrackType TrackType::Keys{2};
inline constexpr TrackType TrackType::Full{3};
inline constexpr TrackType TrackType::Guitar{4};

QString trackTypeName(TrackType type);
std::optional<TrackType> parseTrackType(const QString &name);
QStringList trackTypeNames();

} // namespace aiband
