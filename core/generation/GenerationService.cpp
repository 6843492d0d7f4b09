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
    const Feel &feel = a.feel;
    return QJsonObject{{QStringLiteral("style"), a.style->name},
                       {QStringLiteral("tempo"), a.tempoBpm},
                       {QStringLiteral("key"), a.key.name()},
                       {QStringLiteral("key_guessed"), request.keyGuessed},
                       {QStringLiteral("time_signature"), a.timeSignature.name()},
                       {QStringLiteral("duration_beats"), a.durationBeats},
                       {QStringLiteral("bars"), a.durationBeats / a.timeSignature.beatsPerBar()},
                       {QStringLiteral("chord_count"), static_cast<qint64>(a.chords.size())},
                       {QStringLiteral("seed"), static_cast<qint64>(a.seed)},
                       {QStringLiteral("track_types"), parts},
                       {QStringLiteral("feel"), QJsonObject{{QStringLiteral("swing_ratio"), feel.swingRatio},
                                                            {QStringLiteral("humanize"), feel.humanize},
                                                            {QStringLiteral("intensity"), feel.intensity},
                                                            {QStringLiteral("complexity"), feel.complexity},
                                                            {QStringLiteral("fills"), feel.fills},
                                                            {QStringLiteral("count_in"), feel.countInBars},
                                                            {QStringLiteral("intro"), feel.introBars},
                                                            {QStringLiteral("ending"), feel.ending}}},
                       {QStringLiteral("time_unit"), QStringLiteral("beats")},
                       {QStringLiteral("defaults_used"), request.defaultsUsed}};
}

} // namespace

GenerationService::GenerationService(FileStore *store, StyleLibrary styles, QString defaultStyle, QObject *parent)
    : QObject(parent), m_store(store), m_styles(std::move(styles)), m_defaultStyle(std::move(defaultStyle))
{
}

Result<GenerateRequest> GenerationService::parseRequest(const QJsonObject &body) const
{
    return parseGenerateRequest(body, m_styles, m_defaultStyle);
}

Result<GenerationResult> GenerationService::generate(const GenerateRequest &request)
{
    GenerationResult result;
    result.requestId = QStringLiteral("gen-%1").arg(m_nextRequest++);
    result.pluginId = request.pluginId;
    result.metadata = describeArrangement(request);

    QElapsedTimer timer;
    timer.start();
    const RenderedSong song = renderSong(request.arrangement);
    const QList<RenderedPart> &parts = song.parts;
    result.engineMs = timer.nsecsElapsed() / 1e6;
    // Where the chords begin and where the file ends, once count-in, intro and ending are added.
    result.metadata.insert(QStringLiteral("music_start_beat"), song.plan.musicStartBeat);
    result.metadata.insert(QStringLiteral("file_length_beats"), song.plan.endBeat);

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
