#pragma once

#include "GenerateRequest.h"
#include "GenerationResult.h"
#include "music/StyleLibrary.h"
#include "util/Result.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace aiband {

class FileStore;

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

    GenerationService(FileStore *store, StyleLibrary styles, QString defaultStyle,
                      GenerationSettings settings = {}, QObject *parent = nullptr);
    ~GenerationService() override;  // waits for running generations

    // Validates a request body against the styles this service knows.
    Result<GenerateRequest> parseRequest(const QJsonObject &body) const;

    // Queues the generation. Returns "busy" at once when the queue is full; otherwise `done`
    // is called exactly once, with the result, an error, or "timeout".
    Status submit(GenerateRequest request, Callback done);

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
    FileStore *m_store;
    StyleLibrary m_styles;
    QString m_defaultStyle;
    GenerationSettings m_settings;
    QThreadPool m_pool;
    quint64 m_generatedCount = 0;
    quint64 m_failedCount = 0;
    double m_lastDurationMs = 0.0;
    double m_totalDurationMs = 0.0;
    quint64 m_nextRequest = 1;
    int m_pending = 0;
};

} // namespace aiband
