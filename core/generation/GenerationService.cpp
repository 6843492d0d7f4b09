#include "GenerationService.h"

#include "PoolTask.h"

#include "files/FileStore.h"
#include "files/TakePublisher.h"
#include "logging/LogCategories.h"
#include "music/Engine.h"
#include "util/CompactJson.h"

#include <algorithm>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QPointer>
#include <QScopeGuard>
#include <QThread>
#include <QTimer>

#include <memory>
#include <optional>

#include <cmath>

namespace aiband {
namespace {

constexpr int kWorkersPerCore = 4;

// What every file of one generation shares in its sidecar; the track is filled in per file.
FileMetadata metadataFor(const GenerateRequest &request, const GenerationResult &result, const QByteArray &feelText)
{
    const ArrangementSummary &played = result.arrangement;
    FileMetadata metadata;
    metadata.request = request.body;
    metadata.arrangementText = result.metadataText;
    metadata.style = played.style;
    metadata.feelText = feelText;
    metadata.seed = request.arrangement.seed;
    metadata.pluginId = request.pluginId;
    metadata.requestId = result.requestId;
    metadata.key = played.key;
    metadata.tempoBpm = played.tempoBpm;
    metadata.bars = played.bars;
    metadata.generationMs = result.engineMs;
    return metadata;
}

// The take's parts into the folders plugins watch: every part complete, then the earlier takes'
// files of those parts gone.
std::optional<Error> publish(TakePublisher *publisher, const GenerationResult &result)
{
    if (!publisher)
        return std::nullopt;
    QList<StoredFile> files;
    for (const GeneratedFile &file : result.files)
        files.append(file.file);
    if (Status published = publisher->publish(files, result.pluginId); !published)
        return published.error();
    return std::nullopt;
}

// A take is whole or not at all: the parts of a take that could not be finished leave the takes
// folder (publish() has left the watched folders as they were).
void discard(FileStore *store, const GenerationResult &result)
{
    for (const GeneratedFile &file : result.files)
        store->remove(file.file.name);
}

// What a worker hands back: the take, or the error that stopped it.
Result<GenerationResult> compose(const GenerateRequest &request, FileStore *store, TakePublisher *publisher,
                                 const QString &requestId, const GenerationService::Renderer &render)
{
    try {
        GenerationResult result;
        result.requestId = requestId;
        result.pluginId = request.pluginId;
        result.clientRequestId = request.clientRequestId;

        QElapsedTimer timer;
        timer.start();
        const RenderedSong song = render ? render(request.arrangement) : renderSong(request.arrangement);
        result.engineMs = timer.nsecsElapsed() / 1e6;
        result.arrangement = ArrangementSummary::of(request, song.plan);
        // Silent files would play nothing and look like a take: refused before anything is written.
        const bool silent = std::all_of(song.parts.cbegin(), song.parts.cend(),
                                        [](const RenderedPart &part) { return part.noteCount == 0; });
        if (silent) {
            return makeError(QStringLiteral("invalid_field"),
                             QStringLiteral("these chords give the asked parts nothing to play (every chord is "
                                            "N.C., or too short for a note); nothing was written"),
                             QStringLiteral("chord_progression.chords"));
        }

        timer.restart();
        const Arrangement &a = request.arrangement;
        // The arrangement's text once, for the takes index's rows and the answer.
        const QByteArray feelText = result.arrangement.feelText();
        result.metadataText = result.arrangement.toJsonText(feelText);
        const FileMetadata shared = metadataFor(request, result, feelText);
        JsonTextCache texts;   // the request's text, shared by the parts' rows
        // The take is one commit (FileStore::writeTake): every part written, indexed and placed,
        // or none of them.
        QList<TakePart> parts;
        for (const RenderedPart &part : song.parts) {
            const FileNaming naming{trackTypeName(part.type), a.key.fileNameToken(),
                                    static_cast<int>(std::lround(a.tempoBpm))};
            FileMetadata metadata = shared;
            metadata.trackType = trackTypeName(part.type);
            parts.append(TakePart{naming, part.midi, std::move(metadata), &texts});
        }
        Result<QList<StoredFile>> stored = store->writeTake(std::move(parts));
        if (!stored)
            return stored.error();
        // Pinned (by writeTake()) until published, whatever happens on the way: a trim during a
        // burst (plugin.max_files) must not take a part of a take the watched folders do not have
        // yet, and a pin never let go would keep its part for the rest of the run.
        const auto unpin = qScopeGuard([&] {
            for (const StoredFile &file : std::as_const(*stored))
                store->unpin(file.name);
        });
        for (qsizetype i = 0; i < song.parts.size(); ++i) {
            const RenderedPart &part = song.parts[i];
            result.files.append({stored->at(i), trackTypeName(part.type), part.noteCount, part.midi});
        }
        if (auto failed = publish(publisher, result)) {
            discard(store, result);
            return *failed;
        }
        result.writeMs = timer.nsecsElapsed() / 1e6;
        return result;
    } catch (const std::exception &e) {
        return makeError(QStringLiteral("generation_failed"),
                         QStringLiteral("the generation failed: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        return makeError(QStringLiteral("generation_failed"), QStringLiteral("the generation failed"));
    }
}

} // namespace

GenerationService::GenerationService(FileStore *store, StyleLibrary styles, QString defaultStyle,
                                     GenerationSettings settings, QObject *parent)
    : QObject(parent), m_store(store), m_styles(std::move(styles)), m_defaultStyle(std::move(defaultStyle)),
      m_settings(settings),
      // More workers than cores: a durable take's worker sleeps in its commit (the disk's sync),
      // and while it does the others compose and join the next group commit (FileStore). With one
      // worker per core, two takes at most could share a commit however many clients wait.
      m_pool(std::max(1, QThread::idealThreadCount()) * kWorkersPerCore)
{
}

GenerationService::~GenerationService()
{
    m_pool.waitForDone();
}

bool GenerationService::waitForRunning(int msecs)
{
    return m_pool.waitForDone(msecs);
}

Result<GenerateRequest> GenerationService::parseRequest(const QJsonObject &body) const
{
    Result<GenerateRequest> parsed = parseGenerateRequest(body, m_styles, m_defaultStyle, m_settings.requestLimits);
    if (parsed)
        parsed->body = body;
    return parsed;
}

Result<GenerateRequest> GenerationService::regenerationRequest(const QString &fileName, std::optional<quint32> seed) const
{
    if (auto refusal = FileStore::checkFileName(fileName))
        return *refusal;
    if (!m_store->find(fileName))
        return FileStore::fileNotFound(fileName);
    const std::optional<FileMetadata> metadata = m_store->readMetadata(fileName);
    // A row rebuilt from the MIDI file (the takes index was lost or damaged, or the file was put
    // in the folder by hand) knows the part, key, tempo and length, not the request.
    if (!metadata)
        return makeError(QStringLiteral("metadata_not_found"),
                         QStringLiteral("%1 has no request in the takes index (made before metadata was kept, put in the "
                                        "folder by hand, or its row was rebuilt from the MIDI file after the index was "
                                        "lost), so it cannot be regenerated").arg(fileName), QStringLiteral("filename"));
    QJsonObject body = metadata->request;
    // The file's own track only: regenerating the bass must not add a new drum file.
    body.insert(QStringLiteral("track_types"), QJsonArray{metadata->trackType});
    if (seed)
        body.insert(QStringLiteral("seed"), static_cast<qint64>(*seed));
    else
        body.remove(QStringLiteral("seed"));
    return parseRequest(body);
}

// On the service's thread, once per generation: counts, logs, answers (unless the deadline did)
// and announces.
void GenerationService::finish(const Result<GenerationResult> &outcome, const QString &requestId, bool &answered,
                               const Callback &done)
{
    --m_pending;
    emit pendingCountChanged(m_pending);
    const bool late = answered;
    answered = true;
    if (!outcome) {
        ++m_failedCount;
        qCWarning(lcGeneration).noquote() << requestId << "failed:" << outcome.error().message;
        emit failed(requestId, outcome.error());
        if (!late)
            done(outcome.error());
        return;
    }
    const GenerationResult &result = *outcome;
    ++m_generatedCount;
    m_lastDurationMs = result.engineMs + result.writeMs;
    m_totalDurationMs += m_lastDurationMs;
    // The requester's answer first, then the log line (its text and two writes held the answer
    // back) and the announcements (files_ready, midi_ready, UI): a plugin hears "complete" before
    // the files it asked for are listed.
    if (!late)
        done(result);
    qCInfo(lcGeneration).noquote() << requestId << "generated" << result.files.size() << "files for"
                                   << (result.pluginId.isEmpty() ? QStringLiteral("(no plugin)") : result.pluginId)
                                   << QStringLiteral("in %1 ms").arg(result.engineMs + result.writeMs, 0, 'f', 2);
    emit generated(result);
}

Status GenerationService::submit(GenerateRequest request, Callback done, Renderer render)
{
    if (m_refusing)
        return makeError(QStringLiteral("shutting_down"),
                         QStringLiteral("the server is shutting down and takes no new generations"));
    if (m_pending >= m_settings.queueSize)
        return makeError(QStringLiteral("busy"),
                         QStringLiteral("%1 generations are already waiting; retry in a moment").arg(m_pending));
    ++m_pending;
    emit pendingCountChanged(m_pending);
    const QString requestId = QStringLiteral("gen-%1").arg(m_nextRequest++);

    // Whichever comes first, the result or the deadline, answers; the other is ignored. The
    // deadline's timer goes with the result: a timer left to run out (QTimer::singleShot) kept
    // every answered request's callback for 30 s, and tens of thousands of timers made each
    // register and unregister scan the event loop's timer list (5 % of the server's time at
    // 900 generations/s, perf).
    auto answered = std::make_shared<bool>(false);
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, answered, done, requestId, deadline] {
        deadline->deleteLater();
        if (*answered)
            return;
        *answered = true;
        qCWarning(lcGeneration).noquote() << requestId << "exceeded" << m_settings.timeoutSeconds << "s";
        done(makeError(QStringLiteral("timeout"),
                       QStringLiteral("the generation took longer than %1 s").arg(m_settings.timeoutSeconds)));
    });
    deadline->start(static_cast<int>(m_settings.timeoutSeconds * 1000));

    // Not QtConcurrent::run(...).then(this, ...): Qt 6.4 can run that continuation twice
    // (PoolTask.h). The destructor waits for the pool, so the service outlives the work.
    runOnPool(
        m_pool, this,
        [request = std::move(request), store = m_store, publisher = m_publisher, requestId,
         render = render ? std::move(render) : m_renderer] {
            return compose(request, store, publisher, requestId, render);
        },
        [this, answered, done = std::move(done), requestId,
         deadline = QPointer<QTimer>(deadline)](const Result<GenerationResult> &outcome) {
            delete deadline.data();   // null once it has run out (it deletes itself)
            finish(outcome, requestId, *answered, done);
        });
    return Done{};
}

} // namespace aiband
