#include "LiveFollow.h"

#include "logging/LogCategories.h"
#include "music/PartRegistry.h"
#include "music/Style.h"

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

constexpr double kEpsilon = 1e-9;
// A transport report within this many beats of where the band thought the DAW was is the same
// playback going on (DAWs report their position every so often, never exactly where we
// extrapolated); further away, the DAW jumped.
constexpr double kSamePlaybackBeats = 0.25;
// Notes read together into chords: the bars before the newest note (a chord's notes may have
// come in earlier messages).
constexpr int kNoteMemoryBars = 2;
// At most this many of them: two bars of a busy pianist are a few dozen.
constexpr std::size_t kMaxNotesRead = 512;

double firstBeatAfter(double beat)
{
    return std::floor(beat + kEpsilon) + 1.0;
}

QList<int> programsOf(const LiveBand &band, const QList<TrackType> &parts)
{
    QList<int> programs;
    for (TrackType part : parts)
        programs.append(partProgram(*band.settings().style, part));
    return programs;
}

} // namespace

struct LiveFollow::Band {
    QString id;
    LiveBand band;
    LiveStartRequest request;            // the starter's: style, seed, feel, key
    QList<TrackType> parts;              // every member's parts
    std::vector<PlayedNote> recentNotes; // what note_events said lately, read into chords
    QList<BandEvent> kept;               // what was sent, for a take: every part, in time order
    double keptUpTo = 0.0;
    double playedFrom = -1.0;            // where the transport played while the band was live (-1: not yet)
    double playedUpTo = -1.0;
};

struct LiveFollow::Listener {
    QString pluginId;
    std::shared_ptr<Band> band;
    QList<TrackType> parts;
    double lookaheadBeats = 4.0;
    double sentFrom = 0.0;   // this session holds the band's notes in [sentFrom, sentUpTo)
    double sentUpTo = 0.0;
    QTimer timer;
};

LiveFollow::LiveFollow(const TransportClock &transport, QObject *parent)
    : QObject(parent), m_transport(transport), m_lastTransport(transport.now()), m_lastTransportAtMs(transport.clockMs())
{
}

LiveFollow::~LiveFollow() = default;

// ---- sessions

Status LiveFollow::start(const QString &pluginId, const LiveStartRequest &request, const Started &started)
{
    if (isLive(pluginId))
        return makeError(QStringLiteral("already_live"),
                         QStringLiteral("this session is live already; send live_stop first to start again"));
    if (static_cast<int>(m_listeners.size()) >= kMaxLiveSessions)
        return makeError(QStringLiteral("too_many_live_sessions"),
                         QStringLiteral("%1 sessions are live already, the most at once").arg(kMaxLiveSessions));
    std::shared_ptr<Band> band;
    if (!request.follow.isEmpty()) {
        const auto followed = m_listeners.find(request.follow);
        if (followed == m_listeners.end())
            return makeError(QStringLiteral("unknown_band"),
                             QStringLiteral("plugin \"%1\" is not live; it must send live_start first").arg(request.follow),
                             QStringLiteral("follow"));
        band = followed->second->band;
    } else {
        const TransportState now = m_transport.now();
        LiveBandSettings settings{request.style, request.meter.value_or(now.timeSignature), request.key,
                                  request.seed, now.tempoBpm, request.feel};
        band = std::make_shared<Band>(Band{pluginId, LiveBand(settings), request, {}, {}, {}, 0.0, -1.0, -1.0});
        m_bands.push_back(band);
    }
    for (TrackType part : request.parts)
        if (!band->parts.contains(part))
            band->parts.append(part);

    auto listener = std::make_unique<Listener>();
    listener->pluginId = pluginId;
    listener->band = band;
    listener->parts = request.parts;
    listener->lookaheadBeats = request.lookaheadBeats;
    listener->timer.setSingleShot(true);
    listener->timer.setTimerType(Qt::PreciseTimer);
    Listener &added = *listener;
    connect(&added.timer, &QTimer::timeout, this, [this, &added] { advance(added); });
    m_listeners[pluginId] = std::move(listener);
    qCInfo(lcMusic).noquote() << "plugin" << pluginId << "went live"
                                << (request.follow.isEmpty() ? QStringLiteral("with a band of its own")
                                                             : QStringLiteral("with %1's band").arg(request.follow));
    if (started)
        started(infoFor(added));
    resync(added, m_transport.now());
    return Done{};
}

bool LiveFollow::stop(const QString &pluginId)
{
    const auto found = m_listeners.find(pluginId);
    if (found == m_listeners.end())
        return false;
    const std::shared_ptr<Band> band = found->second->band;
    m_listeners.erase(found);
    // A band plays on for the sessions that follow it, and ends with the last of them; the parts
    // nobody plays any more are no longer kept for a take.
    band->parts.clear();
    for (const auto &[id, listener] : m_listeners)
        if (listener->band == band)
            for (TrackType part : listener->parts)
                if (!band->parts.contains(part))
                    band->parts.append(part);
    if (band->parts.isEmpty())
        std::erase(m_bands, band);
    qCInfo(lcMusic).noquote() << "plugin" << pluginId << "left its live band";
    return true;
}

QStringList LiveFollow::membersOf(const Band &band) const
{
    QStringList members;
    for (const auto &[id, listener] : m_listeners)
        if (listener->band.get() == &band)
            members.append(id);
    // The starter first, so a client can tell who leads.
    if (members.removeOne(band.id))
        members.prepend(band.id);
    return members;
}

LiveSessionInfo LiveFollow::infoFor(const Listener &listener) const
{
    const Band &band = *listener.band;
    const LiveBandSettings &settings = band.band.settings();
    return LiveSessionInfo{band.id,
                           membersOf(band),
                           listener.parts,
                           programsOf(band.band, listener.parts),
                           listener.lookaheadBeats,
                           settings.style->name,
                           settings.seed,
                           settings.key,
                           settings.meter};
}

// ---- what the player gives

// The first whole beat whose notes can still be sent in time: at least kMinimumNoticeMs ahead.
double LiveFollow::nextSendableBeat(const TransportState &now)
{
    return std::ceil(now.beat + kMinimumNoticeMs / 60000.0 * now.tempoBpm - kEpsilon);
}

// A chord arriving a beat or more ahead is played where the player put it; a later one at the
// next beat that can still be sent in time. While the transport stands, any beat can be.
double LiveFollow::effectiveBeat(double beat) const
{
    const TransportState now = m_transport.now();
    if (!now.playing || beat >= now.beat + 1.0 - kEpsilon)
        return beat;
    return std::max(std::ceil(beat - kEpsilon), nextSendableBeat(now));
}

Result<HeardChord> LiveFollow::hearChord(const QString &pluginId, double beat, const Chord &chord)
{
    const auto found = m_listeners.find(pluginId);
    if (found == m_listeners.end())
        return makeError(QStringLiteral("not_live"), QStringLiteral("send live_start before chords"));
    return hear(*found->second->band, beat, chord, QStringLiteral("chord_event"));
}

HeardChord LiveFollow::hear(Band &band, double beat, const Chord &chord, const QString &source)
{
    const double playedFrom = effectiveBeat(beat);
    band.band.hear(beat, playedFrom, chord);
    // Sessions that already hold notes from there hear them again, as the new chord plays them;
    // what the band keeps for a take is replaced once, over the furthest of their ranges (ten
    // members each replacing it was most of a chord's cost in a band of ten).
    double resentUpTo = playedFrom;
    for (auto &[id, listener] : m_listeners) {
        if (listener->band.get() != &band || listener->sentUpTo <= playedFrom + kEpsilon)
            continue;
        const double from = std::max(playedFrom, listener->sentFrom);
        resentUpTo = std::max(resentUpTo, listener->sentUpTo);
        sendRange(*listener, from, listener->sentUpTo, from, KeepForTake::No);
    }
    if (resentUpTo > playedFrom)
        keep(band, playedFrom, resentUpTo, true);
    const HeardChord heard{chord, beat, playedFrom, source};
    emit chordHeard(membersOf(band), heard);
    return heard;
}

std::vector<PlayedNote> LiveFollow::notesToRead(Band &band, const std::vector<PlayedNote> &notes) const
{
    double newest = 0.0;
    for (const PlayedNote &note : notes)
        newest = std::max(newest, note.startBeat);
    for (const PlayedNote &note : band.recentNotes)
        newest = std::max(newest, note.startBeat);
    const double forgetBefore = newest - kNoteMemoryBars * band.band.settings().meter.beatsPerBar();
    std::erase_if(band.recentNotes, [&](const PlayedNote &note) {
        return note.startBeat + note.durationBeats < forgetBefore;
    });
    band.recentNotes.insert(band.recentNotes.end(), notes.begin(), notes.end());
    // A flood of notes on one beat must not make every message slower than the last.
    if (band.recentNotes.size() > kMaxNotesRead) {
        std::stable_sort(band.recentNotes.begin(), band.recentNotes.end(),
                         [](const PlayedNote &a, const PlayedNote &b) { return a.startBeat < b.startBeat; });
        band.recentNotes.erase(band.recentNotes.begin(),
                               band.recentNotes.end() - static_cast<std::ptrdiff_t>(kMaxNotesRead));
    }
    return band.recentNotes;
}

Result<QList<HeardChord>> LiveFollow::hearNotes(const QString &pluginId, const std::vector<PlayedNote> &notes)
{
    const auto found = m_listeners.find(pluginId);
    if (found == m_listeners.end())
        return makeError(QStringLiteral("not_live"), QStringLiteral("send live_start before notes"));
    Band &band = *found->second->band;
    const std::vector<PlayedNote> recent = notesToRead(band, notes);
    const double barLength = band.band.settings().meter.beatsPerBar();
    double earliest = recent.front().startBeat;
    double touched = notes.front().startBeat;
    for (const PlayedNote &note : recent)
        earliest = std::min(earliest, note.startBeat);
    for (const PlayedNote &note : notes)
        touched = std::min(touched, note.startBeat);
    // Read from a bar line, so the detector's strong beats are the band's.
    const double windowStart = std::floor(earliest / barLength + kEpsilon) * barLength;
    std::vector<PlayedNote> shifted = recent;
    for (PlayedNote &note : shifted)
        note.startBeat -= windowStart;
    ChordDetectionOptions options{band.band.settings().meter, ChordResolution::Beat, band.band.settings().key};
    const ChordDetection detection = detectChords(shifted, options);

    QList<HeardChord> changed;
    for (const DetectedChord &detected : detection.chords) {
        const double beat = detected.event.startBeat + windowStart;
        const double end = beat + detected.event.durationBeats;
        // Only beats the new notes reach; rests keep the band on what it plays.
        if (end <= std::floor(touched + kEpsilon) + kEpsilon || detected.event.chord.noChord)
            continue;
        const double at = std::max(beat, std::floor(touched + kEpsilon));
        if (band.band.chords().at(at).canonical() == detected.event.chord.canonical()
            && band.band.chords().predictedFrom() > at)
            continue;
        changed.append(hear(band, at, detected.event.chord, QStringLiteral("note_events")));
    }
    return changed;
}

// ---- keeping ahead of the transport

void LiveFollow::sendRange(Listener &listener, double from, double to, std::optional<double> replacesFrom,
                           KeepForTake keepIt)
{
    LiveEvents events{from, to, replacesFrom, listener.band->band.events(from, to, listener.parts)};
    if (replacesFrom)
        listener.sentFrom = std::min(listener.sentFrom, *replacesFrom);
    listener.sentUpTo = std::max(listener.sentUpTo, to);
    if (keepIt == KeepForTake::Yes)
        keep(*listener.band, from, to, replacesFrom.has_value());
    emit eventsReady(listener.pluginId, events);
}

void LiveFollow::advance(Listener &listener)
{
    const TransportState now = m_transport.now();
    if (!now.playing)
        return;
    Band &band = *listener.band;
    notePlayed(band, now.beat);
    const double target = std::max(listener.sentUpTo + 1.0, firstBeatAfter(now.beat + listener.lookaheadBeats));
    sendRange(listener, listener.sentUpTo, target, std::nullopt);
    // Phrases already played are not asked for again (a relocation composes them anew).
    band.band.forgetPhrasesBefore(now.beat - band.band.phraseLength());
    schedule(listener);
}

// The next send: a little before the playhead comes within the lookahead of what was sent, so
// a timer that fires late or a slow delivery still leaves every beat a full lookahead ahead
// (measured: sent at the very moment, beats arrived a median 1-2 ms, at worst 16 ms, short of it).
void LiveFollow::schedule(Listener &listener)
{
    const TransportState now = m_transport.now();
    if (!now.playing) {
        listener.timer.stop();
        return;
    }
    const double beats = listener.sentUpTo - listener.lookaheadBeats - now.beat;
    const double ms = std::max(0.0, beats * 60000.0 / now.tempoBpm - kSendEarlyMs);
    listener.timer.start(static_cast<int>(std::floor(ms)));
}

// From `now`: everything the session holds from there is replaced. While the transport stands,
// the lookahead from its position is sent at once, so a start there plays from its first beat.
void LiveFollow::resync(Listener &listener, const TransportState &now)
{
    const double from = now.playing ? nextSendableBeat(now) : now.beat;
    listener.sentFrom = from;
    listener.sentUpTo = from;
    sendRange(listener, from, firstBeatAfter(from + listener.lookaheadBeats - 1.0), now.beat);
    schedule(listener);
}

void LiveFollow::transportChanged()
{
    const TransportState now = m_transport.now();
    const qint64 atMs = m_transport.clockMs();
    TransportState expected = m_lastTransport;
    if (expected.playing)
        expected.beat += (atMs - m_lastTransportAtMs) / 60000.0 * expected.tempoBpm;
    const bool meterChanged = now.timeSignature != m_lastTransport.timeSignature;
    const bool samePlayback = !meterChanged && now.playing == expected.playing
                              && std::abs(now.beat - expected.beat) <= kSamePlaybackBeats;
    m_lastTransport = now;
    m_lastTransportAtMs = atMs;
    for (const std::shared_ptr<Band> &band : m_bands) {
        if (expected.playing)
            notePlayed(*band, expected.beat);
        band->band.setTempo(now.tempoBpm);
        band->band.setMeter(now.timeSignature);
    }
    for (auto &[id, listener] : m_listeners) {
        // A start where the band stood ready keeps the notes it was sent.
        const bool startsWhereReady = now.playing && !expected.playing && !meterChanged
                                      && std::abs(now.beat - listener->sentFrom) <= kSamePlaybackBeats;
        if (startsWhereReady)
            keep(*listener->band, listener->sentFrom, listener->sentUpTo, true);
        if (samePlayback || startsWhereReady)
            schedule(*listener);
        else
            resync(*listener, now);
    }
}

// ---- what was played, for a take

void LiveFollow::notePlayed(Band &band, double beat)
{
    band.playedFrom = band.playedFrom < 0.0 ? beat : std::min(band.playedFrom, beat);
    band.playedUpTo = std::max(band.playedUpTo, beat);
}

// What the band sends is kept for a take: beats sent again replace what was kept there (a chord
// changed them, or the DAW came round to them again); new beats are added at the end.
void LiveFollow::keep(Band &band, double from, double to, bool replacing)
{
    // Beats sent while the transport stands are the ones ahead of where it stands: they are
    // played, and kept, when it starts there.
    if (!m_transport.now().playing)
        return;
    if (!replacing) {
        from = std::max(from, band.keptUpTo);
        if (to <= from)
            return;
    }
    const auto byBeat = [](const BandEvent &event, double beat) { return event.beat < beat - kEpsilon; };
    const auto first = std::lower_bound(band.kept.begin(), band.kept.end(), from, byBeat);
    const auto last = std::lower_bound(first, band.kept.end(), to, byBeat);
    const qsizetype at = first - band.kept.begin();
    band.kept.erase(first, last);
    const QList<BandEvent> events = band.band.events(from, to, band.parts);
    band.kept.insert(at, events.size(), BandEvent{});
    std::copy(events.cbegin(), events.cend(), band.kept.begin() + at);
    band.keptUpTo = std::max(band.keptUpTo, to);
    if (band.kept.size() > kMaxKeptEvents) {
        band.kept.remove(0, band.kept.size() - kMaxKeptEvents);
        band.playedFrom = std::max(band.playedFrom, band.kept.first().beat);   // a take starts where notes are
    }
}

Result<LiveTake> LiveFollow::take(const QString &pluginId, const LiveSaveRequest &request) const
{
    const auto found = m_listeners.find(pluginId);
    if (found == m_listeners.end())
        return makeError(QStringLiteral("not_live"), QStringLiteral("send live_start first; a take is of a live band"));
    const Band &band = *found->second->band;
    const double barLength = band.band.settings().meter.beatsPerBar();
    const TransportState now = m_transport.now();
    const double playedUpTo = std::max(band.playedUpTo, now.playing ? now.beat : -1.0);
    const double playedFrom = band.playedFrom < 0.0 ? playedUpTo : std::min(band.playedFrom, playedUpTo);
    if (playedUpTo < 0.0 || band.kept.isEmpty())
        return makeError(QStringLiteral("nothing_played"),
                         QStringLiteral("the band has played nothing yet: start the transport and play"));
    LiveTake take;
    take.fromBeat = request.fromBeat.value_or(std::floor(playedFrom / barLength + kEpsilon) * barLength);
    take.toBeat = request.toBeat.value_or(std::max(std::ceil(playedUpTo / barLength - kEpsilon), 1.0) * barLength);
    if (take.toBeat <= take.fromBeat)
        return makeError(QStringLiteral("invalid_field"),
                         QStringLiteral("the take would end at beat %1, before it starts (beat %2)").arg(take.toBeat).arg(take.fromBeat),
                         QStringLiteral("to_beat"));
    for (BandEvent event : band.kept) {
        if (event.beat < take.fromBeat - kEpsilon || event.beat >= take.toBeat - kEpsilon)
            continue;
        event.beat -= take.fromBeat;
        event.duration = std::min(event.duration, take.toBeat - take.fromBeat - event.beat);
        take.events.append(event);
    }
    for (ChordEvent chord : band.band.chords().between(take.fromBeat, take.toBeat)) {
        chord.startBeat -= take.fromBeat;
        take.chords.append(chord);
    }
    // The parts playing now, and those that played in the take and have left since.
    for (const BandEvent &event : take.events)
        if (!take.parts.contains(event.part))
            take.parts.append(event.part);
    for (TrackType part : band.parts)
        if (!take.parts.contains(part))
            take.parts.append(part);
    std::sort(take.parts.begin(), take.parts.end(), [](TrackType a, TrackType b) { return a.row() < b.row(); });
    take.programs = programsOf(band.band, take.parts);
    const LiveBandSettings &settings = band.band.settings();
    take.style = settings.style;
    take.meter = settings.meter;
    take.key = band.band.key();
    take.tempoBpm = m_transport.now().tempoBpm;
    take.seed = settings.seed;
    take.feel = settings.feel;
    take.body = band.request.body;
    return take;
}

} // namespace aiband
