#pragma once

#include "LiveTake.h"
#include "TransportClock.h"
#include "generation/LiveRequest.h"
#include "music/LiveBand.h"
#include "util/Result.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace aiband {

// One band_events message: the notes a session plays in [fromBeat, toBeat). With
// replacesFromBeat, the session forgets every note it was sent that starts at or after that
// beat and lets notes still sounding there end.
struct LiveEvents {
    double fromBeat = 0.0;
    double toBeat = 0.0;
    std::optional<double> replacesFromBeat;
    QList<BandEvent> events;
};

// A chord the band heard (chord_heard): where the player put it and where the band plays it.
struct HeardChord {
    Chord chord;
    double beat = 0.0;
    double playedFrom = 0.0;
    QString source;   // "chord_event" or "note_events"
};

// What a session that went live is part of (live_started).
struct LiveSessionInfo {
    QString band;                 // the plugin id of the session that started the band
    QStringList members;          // every session playing with it, the starter first
    QList<TrackType> parts;       // this session's
    QList<int> programs;          // the General MIDI program of each of those parts
    double lookaheadBeats = 4.0;
    QString style;
    quint32 seed = 0;
    std::optional<Key> key;       // none: read from what is heard
    TimeSignature meter;
};

// Keeps live bands a lookahead ahead of the shared transport (docs/PROTOCOL.md, "Following a
// player"): every session that went live hears band_events before the beats they are for, and
// again from a beat whose chord changed. A band is started by one session and may be joined by
// others (follow), each playing its own parts; chords from any of them steer the band.
class LiveFollow : public QObject {
    Q_OBJECT
public:
    explicit LiveFollow(const TransportClock &transport, QObject *parent = nullptr);
    ~LiveFollow() override;

    // How long before its beat a chord must arrive to be played there, in milliseconds, at least.
    static constexpr double kMinimumNoticeMs = 25.0;
    // How much earlier than the lookahead requires a session's next beat is sent.
    static constexpr double kSendEarlyMs = 25.0;
    // Sessions live at once, across bands: each costs a timer and a few kilobytes a minute.
    static constexpr int kMaxLiveSessions = 64;
    // Notes kept for a take (the oldest leave first): about an hour of a busy four-piece at 200
    // BPM, 8 MB a band.
    static constexpr int kMaxKeptEvents = 200000;

    // live_start: already_live, unknown_band (follow names no live plugin), too_many_live_sessions.
    // `started` is told what the session joined before its first notes are sent.
    using Started = std::function<void(const LiveSessionInfo &)>;
    Status start(const QString &pluginId, const LiveStartRequest &request, const Started &started);
    // live_stop: false when the session was not live. A band ends with its last session.
    bool stop(const QString &pluginId);
    bool isLive(const QString &pluginId) const { return m_listeners.contains(pluginId); }

    // chord_event: not_live.
    Result<HeardChord> hearChord(const QString &pluginId, double beat, const Chord &chord);
    // note_events, read into chords as they come: not_live. The chords the notes changed.
    Result<QList<HeardChord>> hearNotes(const QString &pluginId, const std::vector<PlayedNote> &notes);
    // live_save: not_live, nothing_played.
    Result<LiveTake> take(const QString &pluginId, const LiveSaveRequest &request) const;

    // The shared transport changed: bands follow a new position, tempo or meter.
    void transportChanged();

signals:
    void eventsReady(const QString &pluginId, const aiband::LiveEvents &events);
    // To every session of the band.
    void chordHeard(const QStringList &pluginIds, const aiband::HeardChord &chord);

private:
    struct Band;
    struct Listener;

    double effectiveBeat(double beat) const;
    // The chord into the band, what it changes sent again; where the band plays it.
    HeardChord hear(Band &band, double beat, const Chord &chord, const QString &source);
    void advance(Listener &listener);
    void schedule(Listener &listener);
    void resync(Listener &listener, const TransportState &now);
    enum class KeepForTake { Yes, No };   // No: the caller keeps the band's notes once for several sends
    void sendRange(Listener &listener, double from, double to, std::optional<double> replacesFrom,
                   KeepForTake keepIt = KeepForTake::Yes);
    void keep(Band &band, double from, double to, bool replacing);
    static void notePlayed(Band &band, double beat);
    static double nextSendableBeat(const TransportState &now);
    QStringList membersOf(const Band &band) const;
    LiveSessionInfo infoFor(const Listener &listener) const;
    std::vector<PlayedNote> notesToRead(Band &band, const std::vector<PlayedNote> &notes) const;

    const TransportClock &m_transport;
    // Every live band. Not keyed by the plugin that started it: that plugin may stop and start a
    // band of its own again while the sessions that followed it play on with the first.
    std::vector<std::shared_ptr<Band>> m_bands;
    std::map<QString, std::unique_ptr<Listener>> m_listeners;    // by plugin id
    TransportState m_lastTransport;                              // what transportChanged() last saw
    qint64 m_lastTransportAtMs = 0;
};

} // namespace aiband
