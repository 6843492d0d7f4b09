#pragma once

#include "music/Arrangement.h"
#include "util/Result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <functional>

namespace aiband {

// What a DAW's transport reported, in beats (quarter notes).
struct TransportState {
    bool playing = false;
    double beat = 0.0;
    double tempoBpm = 120.0;
    TimeSignature timeSignature;
};

// Reads a transport from a message: is_playing, current_beat, tempo, time_signature ("4/4"),
// and the plugin spec's spellings isPlaying and currentBeat, with its timestamp (ISO 8601: when
// the DAW was at current_beat, so a playing transport is carried forward to now). Missing
// fields keep `base`'s values; invalid ones, and fields not among these or `alsoKnown`, are an
// Error naming the field (prefixed with `fieldPrefix`, e.g. "data.").
Result<TransportState> parseTransport(const QJsonObject &json, const TransportState &base,
                                      const QStringList &alsoKnown = {}, const QString &fieldPrefix = {});

// The one transport all plugins share. It extrapolates the beat between updates at the tempo,
// so a plugin asking for the position between two updates gets where the DAW is now.
class TransportClock {
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic
    explicit TransportClock(Clock now = {});

    void set(const TransportState &state, const QString &source);
    void stop(const QString &source);   // back to beat 0, as the plugin's spec expects
    void reset(const QString &source);  // stopped at beat 0, tempo and meter kept

    TransportState now() const;          // the state with its beat extrapolated to now
    qint64 clockMs() const { return m_clock(); }   // the monotonic clock it extrapolates by
    QString source() const { return m_source; }
    QJsonObject toJson() const;          // the protocol's transport object

private:
    Clock m_clock;
    TransportState m_state;
    qint64 m_setAtMs = 0;
    QDateTime m_updatedAt;
    QString m_source = QStringLiteral("none");
};

QJsonObject transportToJson(const TransportState &state);

} // namespace aiband
