#pragma once

#include "GenerateRequest.h"
#include "GenerationResult.h"
#include "WarmThreadPool.h"
#include "music/Engine.h"
#include "music/StyleLibrary.h"
#include "util/Result.h"

#include <QObject>

#include <functional>
#include <optional>

namespace aiband {

class FileStore;
class TakePublisher;

struct GenerationSettings {
    int queueSize = 64;            // generations waiting or running at once; more are refused
    double timeoutSeconds = 30.0;  // a generation not finished by then is answered with an error
    RequestLimits requestLimits;   // chords and song length one request may ask for
};

// Composes and stores parts on a pool of worker threads. Callers get their answer through a
// callback on the service's thread; the files are also announced with generated() whether or
// not anyone is still waiting (a client that hung up loses nothing).
class GenerationService : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Result<GenerationResult> &)>;
    // Turns an arrangement into MIDI; runs on worker threads. renderSong unless replaced.
    using Renderer = std::function<RenderedSong(const Arrangement &)>;

    GenerationService(FileStore *store, StyleLibrary styles, QString defaultStyle,
                      GenerationSettings settings = {}, QObject *parent = nullptr);
    ~GenerationService() override;  // waits for running generations

    // Waits up to `msecs` (-1: for ever) for running generations; true when none is left.
    bool waitForRunning(int msecs);

    // Validates a request body against the styles this service knows.
    Result<GenerateRequest> parseRequest(const QJsonObject &body) const;
    const RequestLimits &requestLimits() const { return m_settings.requestLimits; }

    // Queues the generation. Returns "busy" at once when the queue is full ("shutting_down"
    // once refuseNewWork() was called); otherwise `done` is called exactly once, with the
    // result, an error, or "timeout". `render`, when given, makes this take's MIDI instead of the
    // engine (a live band's take is what it played, not a new performance).
    Status submit(GenerateRequest request, Callback done, Renderer render = {});
    // From now on submit() refuses: the server is draining before it stops.
    void refuseNewWork() { m_refusing = true; }

    // The request that made `fileName` (from its metadata sidecar), for that file's track only,
    // with `seed`, or a new random seed when there is none: submit it to regenerate or vary the
    // file. Errors: invalid_filename, file_not_found, metadata_not_found, or the request's own
    // validation error when it no longer holds (a user style that was removed).
    Result<GenerateRequest> regenerationRequest(const QString &fileName, std::optional<quint32> seed) const;

    // Where a take's parts are published for the plugins that watch a folder, before its
    // answer goes out (none: the takes are only stored). Set before the first submit.
    void setPublisher(TakePublisher *publisher) { m_publisher = publisher; }

    // Replaces the engine, before the first submit: a seam for tests and fault injection
    // (an engine that throws, or one that takes its time).
    void setRenderer(Renderer renderer) { m_renderer = std::move(renderer); }

    const StyleLibrary &styles() const { return m_styles; }
    QString defaultStyle() const { return m_defaultStyle; }
    // For requests submitted from now on; running generations keep what they started with.
    void setDefaultStyle(const QString &name) { m_defaultStyle = name; }
    void setSettings(const GenerationSettings &settings) { m_settings = settings; }
    quint64 generatedCount() const { return m_generatedCount; }
    quint64 failedCount() const { return m_failedCount; }   // generations that ended in an error
    int pendingCount() const { return m_pending; }
    // Composing plus writing, in milliseconds, of the last and of all successful generations.
    double lastDurationMs() const { return m_lastDurationMs; }
    double averageDurationMs() const { return m_generatedCount ? m_totalDurationMs / m_generatedCount : 0.0; }

signals:
    void generated(const aiband::GenerationResult &result);
    void failed(const QString &requestId, const aiband::Error &error);
    void pendingCountChanged(int pending);   // a generation was queued or has finished

private:
    void finish(const Result<GenerationResult> &outcome, const QString &requestId, bool &answered, const Callback &done);

    FileStore *m_store;
    TakePublisher *m_publisher = nullptr;
    StyleLibrary m_styles;
    QString m_defaultStyle;
    GenerationSettings m_settings;
    Renderer m_renderer;
    WarmThreadPool m_pool;   // the takes' workers (WarmThreadPool.h: why not QThreadPool)
    quint64 m_generatedCount = 0;
    quint64 m_failedCount = 0;
    double m_lastDurationMs = 0.0;
    double m_totalDurationMs = 0.0;
    quint64 m_nextRequest = 1;
    int m_pending = 0;
    bool m_refusing = false;
};

} // namespace aiband
