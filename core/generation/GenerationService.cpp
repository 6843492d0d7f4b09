#include "GenerationService.h"

#include "files/FileStore.h"
#include "logging/LogCategories.h"
#include "music/Engine.h"

#include <QElapsedTimer>
#include <QJsonArray>

#include <cmath>

namespace aiband {
namespace {

QJsonObject describeArrangement(const GenerateRequest &request)
{
    const Arrangement &a = request.arrangement;
    QJsonArray parts;
    for (TrackType type : a.parts)
        parts.append(trackTypeName(type));
    return QJsonObject{{QStringLiteral("tempo"), a.tempoBpm},
                       {QStringLiteral("key"), a.key.name()},
                       {QStringLiteral("key_guessed"), request.keyGuessed},
                       {QStringLiteral("time_signature"), a.timeSignature.name()},
                       {QStringLiteral("duration_beats"), a.durationBeats},
                       {QStringLiteral("bars"), a.durationBeats / a.timeSignature.beatsPerBar()},
                       {QStringLiteral("chord_count"), static_cast<qint64>(a.chords.size())},
                       {QStringLiteral("seed"), static_cast<qint64>(a.seed)},
                       {QStringLiteral("track_types"), parts},
                       {QStringLiteral("engine"), QStringLiteral("basic")},
                       {QStringLiteral("time_unit"), QStringLiteral("beats")},
                       {QStringLiteral("defaults_used"), request.defaultsUsed}};
}

} // namespace

GenerationService::GenerationService(FileStore *store, QObject *parent)
    : QObject(parent), m_store(store)
{
}

Result<GenerationResult> GenerationService::generate(const GenerateRequest &request)
{
    GenerationResult result;
    result.requestId = QStringLiteral("gen-%1").arg(m_nextRequest++);
    result.pluginId = request.pluginId;
    result.metadata = describeArrangement(request);

    QElapsedTimer timer;
    timer.start();
    const QList<RenderedPart> parts = renderArrangement(request.arrangement);
    result.engineMs = timer.nsecsElapsed() / 1e6;

    timer.restart();
    const Arrangement &a = request.arrangement;
    for (const RenderedPart &part : parts) {
        const FileNaming naming{trackTypeName(part.type), a.key.fileNameToken(),
                                static_cast<int>(std::lround(a.tempoBpm))};
        Result<StoredFile> stored = m_store->write(naming, part.midi);
        if (!stored) {
            emit failed(result.requestId, stored.error());
            return stored.error();
        }
        result.files.append({*stored, trackTypeName(part.type), part.noteCount});
    }
    result.writeMs = timer.nsecsElapsed() / 1e6;
    ++m_generatedCount;
    qCInfo(lcGeneration).noquote() << result.requestId << "generated" << result.files.size() << "files for"
                                   << (result.pluginId.isEmpty() ? QStringLiteral("(no plugin)") : result.pluginId)
                                   << QStringLiteral("in %1 ms").arg(result.engineMs + result.writeMs, 0, 'f', 2);
    emit generated(result);
    return result;
}

} // namespace aiband
