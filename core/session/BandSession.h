#pragma once

#include "ClientLimiter.h"
#include "LiveFollow.h"
#include "PluginRegistry.h"
#include "Requester.h"
#include "TransportClock.h"
#include "audio/AudioOptions.h"
#include "audio/AudioRender.h"
#include "audio/AudioDecode.h"
#include "generation/ChordDetectRequest.h"
#include "generation/GenerateRequest.h"
#include "generation/GenerationResult.h"
#include "generation/GenerationService.h"
#include "util/Result.h"

#include <QObject>
#include <QThreadPool>

#include <optional>

namespace aiband {

class FileStore;
class StyleLibrary;
class TakePublisher;

// What the chord sheet form of the window asks for: typed, so the window never writes the
// plugins' JSON. Parsed by the same rules as a request body.
struct SheetRequest {
    QString chords;          // "C | Am | F G" or "C-Am-F-G"
    int tempo = 120;
    QString timeSignature;   // "4/4"; empty: the style's
    QString style;           // empty: engine.default_style
    QStringList parts;       // track types: "bass", "drums", ...
};

// The band's session: every action a plugin, a script or the window can take, written once.
// HTTP (server/HttpApi), WebSocket (server/WebSocketApi) and the window (ui/) only translate
// their input into these calls and their results into their output. It owns who is playing
// (PluginRegistry), the shared transport (TransportClock) and the per-client generation limits
// (ClientLimiter), and says what changed through signals the transports fan out.
class BandSession : public QObject {
    Q_OBJECT
public:
    using Callback = GenerationService::Callback;

    // `publisher` (may be null) is told when a file is deleted, so it leaves the watched folders.
    BandSession(GenerationService *generation, FileStore *files, TakePublisher *publisher, ClientLimits limits,
                QObject *parent = nullptr);

    // ---- plugins
    // Registers (or updates) a plugin; an empty id gets a new random one. Returns the id.
    QString registerPlugin(const QString &pluginId, const QString &address, const QJsonObject &details = {});
    Status heartbeat(const QString &pluginId);               // unknown_plugin
    Result<PluginInfo> plugin(const QString &pluginId) const; // unknown_plugin
    QList<PluginInfo> plugins() const { return m_plugins.plugins(); }
    int connectedPluginCount() const { return m_plugins.connectedCount(); }
    // A WebSocket session took this id (registering the plugin) or closed.
    void pluginConnected(const QString &pluginId, const QString &address);
    void pluginDisconnected(const QString &pluginId);
    // Who a WebSocket from `address` without a plugin id is: the plugin registered last over
    // HTTP from there since `since` that has no session yet; empty when none.
    QString pluginAwaitingSession(const QString &address, const QDateTime &since) const
    {
        return m_plugins.newestWithoutSession(address, since);
    }
    // Any message counts as a sign of life; no change is announced for it.
    void pluginSeen(const QString &pluginId) { m_plugins.heartbeat(pluginId); }
    // Forgets plugins with no open session that have been silent since `cutoff`.
    void forgetSilentPlugins(const QDateTime &cutoff) { m_plugins.removeSilentSince(cutoff); }

    // ---- the shared transport
    TransportState transport() const { return m_transport.now(); }   // extrapolated to now
    QString transportSource() const { return m_transport.source(); }
    QJsonObject transportJson() const { return m_transport.toJson(); }
    // A plugin's DAW reports where it is (an empty id: an anonymous client, source "http").
    // Every other plugin is told through transportChanged().
    void reportTransport(const TransportState &state, const QString &pluginId);
    // A control surface or script starts, stops or resets the band: every plugin follows.
    void startTransport(const TransportState &state, const QString &source);
    void stopTransport(const QString &source);
    void resetTransport(const QString &source);

    // ---- generation
    // A request body in either form (the plugin's flat {"chords": "C-Am"} one, when
    // `acceptFlatForm`), errors naming the field as the client wrote it.
    Result<GenerateRequest> parseGeneration(const QJsonObject &body, bool acceptFlatForm = true) const;
    Result<GenerateRequest> parseSheet(const SheetRequest &sheet) const;
    // Composes under the per-client limits. `done` is called exactly once: with the files, or
    // rate_limited (retryAfterSeconds set), busy, shutting_down, timeout, or a write error; it
    // may be called before generate() returns. The limits count against the plugin the request
    // names, else the requester's address; the window's requests only wait in the queue.
    void generate(GenerateRequest request, const Requester &requester, Callback done);
    // `fileName`'s track again from its metadata, with `seed` or a new random one; a network
    // client's counts against the plugin that asked for the original. Errors as generate(), and invalid_filename,
    // file_not_found, metadata_not_found.
    void regenerate(const QString &fileName, std::optional<quint32> seed, const Requester &requester, Callback done);

    // ---- chords from what was played (docs/PROTOCOL.md, "Chords from what was played")
    // A JSON body or message data ({notes, tempo, time_signature, resolution, key}); errors name
    // the field under `prefix` ("data." over WebSocket).
    Result<ChordDetectRequest> parseChordDetection(const QJsonObject &body, const QString &prefix = {}) const;
    // A Standard MIDI File, with the options its URL gives.
    Result<ChordDetectRequest> parseChordDetection(const QByteArray &midiFile, const ChordDetectQuery &query) const;
    // On a worker thread: a 64-bar song takes about a millisecond, but 10,000 notes held for
    // 4,000 beats take a good part of a second, which must not hold the server's thread. `done`
    // is called on this thread with the detection and its request.
    using ChordsCallback = std::function<void(const ChordDetection &, const ChordDetectRequest &)>;
    void detectChords(ChordDetectRequest request, ChordsCallback done);
    // A recording (docs/PROTOCOL.md, "Chords from a recording"): the options its URL gives.
    Result<AudioChordDetectRequest> parseAudioChordDetection(const ChordDetectQuery &query) const;
    // Decodes and hears the recording on a worker thread (a 3-minute song: a second or more).
    // At most kAudioDetections at once, as each holds its decoded samples (up to 440 MB for ten
    // minutes at 192 kHz): more get "busy". Errors: decodeAudio's and analyzeAudio's, busy.
    static constexpr int kAudioDetections = 2;
    using RecordingCallback = std::function<void(const Result<HeardRecording> &, const AudioChordDetectRequest &)>;
    void detectAudioChords(QByteArray body, AudioContainer container, AudioChordDetectRequest request,
                           RecordingCallback done);

    // ---- following a player live (docs/PROTOCOL.md, "Following a player")
    // live_start's data, checked against the styles; errors name fields under `prefix`.
    Result<LiveStartRequest> parseLiveStart(const QJsonObject &data, const QString &prefix = {}) const;
    // The plugin's session goes live; `started` hears what it joined before its first notes
    // are sent. A tempo or meter it gives becomes the shared transport's (every other plugin
    // hears transport_sync). Errors: LiveFollow::start's.
    Status startLive(const QString &pluginId, const LiveStartRequest &request, const LiveFollow::Started &started);
    bool stopLive(const QString &pluginId) { return m_live.stop(pluginId); }
    bool isLive(const QString &pluginId) const { return m_live.isLive(pluginId); }
    Result<HeardChord> hearChord(const QString &pluginId, double beat, const Chord &chord)
    {
        return m_live.hearChord(pluginId, beat, chord);
    }
    Result<QList<HeardChord>> hearNotes(const QString &pluginId, const std::vector<PlayedNote> &notes)
    {
        return m_live.hearNotes(pluginId, notes);
    }
    // What the plugin's band played, stored as a take (a generation: files_ready and the rest
    // follow), under the plugin's generation limits. `done` as generate()'s; the take's range in
    // `range` when it could be made.
    void saveLive(const QString &pluginId, const LiveSaveRequest &request, const Requester &requester,
                  std::function<void(const Result<GenerationResult> &, double fromBeat, double toBeat)> done);

    // ---- files
    // Each from the takes and every watched folder, on a worker thread: a part whose bytes still
    // wait leaves in a synced commit, which can queue behind a settle's sync, and on the event
    // loop that held every plugin's messages up to 20 ms (docs/BENCHMARKS.md). `done` gets, on
    // this thread, why those not deleted were not (invalid_filename, file_not_found, or the
    // disk's), in the order asked; empty when every one went.
    using DeletedCallback = std::function<void(const QList<Error> &errors)>;
    void deleteFiles(const QStringList &names, DeletedCallback done);
    int deletesPending() const { return m_deletesPending; }   // not yet answered (a stop waits for them)
    // A file's bytes, read while cleanup is kept away from it: invalid_filename, file_not_found.
    Result<QByteArray> readFile(const QString &name) const;
    const FileStore &files() const { return *m_files; }
    // Why files cannot be written now (disk full, folder gone), or why written takes did not
    // reach the disk (a failed settle, FileStore::settleProblem()); empty when fine. A failed
    // write's is cleared by the next successful one, a settle's once a settle succeeds; the
    // settle's is looked at after every take and by refreshStorageProblem().
    QString storageProblem() const { return m_storageProblem; }
    // Looks at the store's settles again (they run on a thread of their own): the maintenance
    // timer calls it, so a failure shows even while no take is made.
    void refreshStorageProblem();

    // ---- audition (docs/PROTOCOL.md, "Audio"): takes rendered to WAV or Ogg
    // Each is rendered on a pool of its own, never on this thread, under the per-client limits
    // (a render counts as a generation; the window's are never limited); `done` is called once,
    // on this thread. Errors besides the limits': no_soundfont (503: none installed or set),
    // busy (kAudioQueue renders already waiting), audio_failed.
    using AudioCallback = std::function<void(const Result<RenderedAudio> &)>;
    // A stored file (one part, or the full band's): invalid_filename, file_not_found.
    void renderFileAudio(const QString &fileName, const AudioOptions &options, const Requester &requester,
                         AudioCallback done);
    // Stored files heard together as one song from their first tick (a take's parts, as the
    // window exports them): the first file's error when one cannot be read.
    void renderFilesAudio(const QStringList &fileNames, const AudioOptions &options, const Requester &requester,
                          AudioCallback done);
    // A Standard MIDI File from the client (its own take): invalid_midi, with the byte offset.
    void renderMidiAudio(const QByteArray &midiFile, const AudioOptions &options, const Requester &requester,
                         AudioCallback done);
    // A generation composed and heard, nothing stored: the parts it asks for together (the full
    // band's file instead of the parts it holds).
    void renderGenerationAudio(GenerateRequest request, const AudioOptions &options, const Requester &requester,
                               AudioCallback done);
    // audio.soundfont: a .sf2 file, or empty for Debian's (findSoundFont).
    void setSoundFont(const QString &path) { m_soundFont = path; }
    static constexpr int kAudioQueue = 8;

    // ---- what the band can play
    const StyleLibrary &styles() const { return m_generation->styles(); }
    QString defaultStyle() const { return m_generation->defaultStyle(); }
    const GenerationService &generation() const { return *m_generation; }

    void setLimits(const ClientLimits &limits) { m_limiter.setLimits(limits); }
    const ClientLimiter &limiter() const { return m_limiter; }

signals:
    // The transport changed; every plugin but `exceptPluginId` (the one that reported it, if
    // any) should hear it.
    void transportChanged(const QString &exceptPluginId);
    // A generation's files are stored, whoever asked and whether or not they still wait.
    void filesGenerated(const aiband::GenerationResult &result);
    void pluginsChanged();
    void storageProblemChanged(const QString &problem);   // empty: writing works again
    // A live session's next notes (band_events), and a chord its band heard (chord_heard).
    void liveEvents(const QString &pluginId, const aiband::LiveEvents &events);
    void chordHeard(const QStringList &pluginIds, const aiband::HeardChord &chord);

private:
    void onGenerated(const GenerationResult &result);
    void onFailed(const Error &error);
    void setStorageProblem(const QString &problem);
    void submitLimited(GenerateRequest request, const Requester &requester, Callback done,
                       GenerationService::Renderer render = {});
    void transportMoved(const QString &exceptPluginId);
    using MidiToPlay = std::function<QList<QByteArray>()>;   // runs on the audio pool
    void submitAudio(MidiToPlay midi, const AudioOptions &options, const Requester &requester, AudioCallback done);

    GenerationService *m_generation;
    FileStore *m_files;
    TakePublisher *m_publisher;
    PluginRegistry m_plugins;
    TransportClock m_transport;
    LiveFollow m_live{m_transport};
    ClientLimiter m_limiter;
    QString m_storageProblem;   // m_writeProblem, else the store's settle problem
    QString m_writeProblem;     // the last take's, when it failed for its storage
    QString m_soundFont;
    int m_audioPending = 0;
    int m_audioDetections = 0;   // recordings being decoded and heard
    int m_deletesPending = 0;
    QThreadPool m_audioPool;   // destroyed before the rest, waiting for renders that capture nothing of this
    // Last: destroyed first, waiting for deletes, which use the store and the publisher (both
    // outlive this session).
    QThreadPool m_deletePool;
};

// The error for a plugin id that names no registered plugin.
Error unknownPluginError(const QString &pluginId);

} // namespace aiband
