#include "BandSession.h"

#include "generation/PoolTask.h"

#include "files/FileStore.h"
#include "files/TakePublisher.h"
#include "generation/FlatGenerateForm.h"
#include "listening/AudioChordRecognizer.h"
#include "logging/LogCategories.h"
#include "music/Engine.h"
#include "music/MidiReader.h"
#include "music/PartRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>

namespace aiband {

Error unknownPluginError(const QString &pluginId)
{
    return makeError(QStringLiteral("unknown_plugin"),
                     QStringLiteral("no plugin \"%1\" is registered; POST /api/plugin/register first").arg(pluginId),
                     QStringLiteral("plugin_id"));
}

BandSession::BandSession(GenerationService *generation, FileStore *files, TakePublisher *publisher,
                         ClientLimits limits, QObject *parent)
    : QObject(parent), m_generation(generation), m_files(files), m_publisher(publisher), m_limiter(limits)
{
    connect(&m_plugins, &PluginRegistry::changed, this, &BandSession::pluginsChanged);
    connect(m_generation, &GenerationService::generated, this, &BandSession::onGenerated);
    connect(m_generation, &GenerationService::failed, this,
            [this](const QString &, const Error &error) { onFailed(error); });
    connect(&m_live, &LiveFollow::eventsReady, this, &BandSession::liveEvents);
    connect(&m_live, &LiveFollow::chordHeard, this, &BandSession::chordHeard);
    // One render at a time: each keeps a core busy for about a second a minute of a take, and
    // the generations share the machine.
    m_audioPool.setMaxThreadCount(1);
    m_deletePool.setMaxThreadCount(1);   // deletes are few, and one at a time keeps them in order
}

// ---- plugins

QString BandSession::registerPlugin(const QString &pluginId, const QString &address, const QJsonObject &details)
{
    const QString id = pluginId.isEmpty()
        ? QStringLiteral("plugin-%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))
        : pluginId;
    m_plugins.registerPlugin(id, address, details);
    return id;
}

Status BandSession::heartbeat(const QString &pluginId)
{
    if (!m_plugins.heartbeat(pluginId))
        return unknownPluginError(pluginId);
    return Done{};
}

Result<PluginInfo> BandSession::plugin(const QString &pluginId) const
{
    const PluginInfo *info = m_plugins.find(pluginId);
    if (!info)
        return unknownPluginError(pluginId);
    return *info;
}

void BandSession::pluginConnected(const QString &pluginId, const QString &address)
{
    m_plugins.registerPlugin(pluginId, address);
    m_plugins.setConnected(pluginId, true);
}

void BandSession::pluginDisconnected(const QString &pluginId)
{
    m_plugins.setConnected(pluginId, false);
    m_live.stop(pluginId);   // its band plays on for the sessions that follow it
}

// ---- the shared transport

void BandSession::reportTransport(const TransportState &state, const QString &pluginId)
{
    m_transport.set(state, pluginId.isEmpty() ? QStringLiteral("http") : pluginId);
    if (!pluginId.isEmpty())
        m_plugins.setTransport(pluginId, state);
    transportMoved(pluginId);
}

void BandSession::startTransport(const TransportState &state, const QString &source)
{
    TransportState playing = state;
    playing.playing = true;
    m_transport.set(playing, source);
    transportMoved({});
}

void BandSession::stopTransport(const QString &source)
{
    m_transport.stop(source);
    transportMoved({});
}

void BandSession::resetTransport(const QString &source)
{
    m_transport.reset(source);
    transportMoved({});
}

// Live bands follow first, so a plugin hears its band's new notes before, or with, the news.
void BandSession::transportMoved(const QString &exceptPluginId)
{
    m_live.transportChanged();
    emit transportChanged(exceptPluginId);
}

// ---- generation

Result<GenerateRequest> BandSession::parseGeneration(const QJsonObject &body, bool acceptFlatForm) const
{
    const bool flat = acceptFlatForm && isFlatForm(body);
    Result<GenerateRequest> parsed = m_generation->parseRequest(acceptFlatForm ? generateBodyFromFlatForm(body) : body);
    if (!parsed && flat)
        return errorForFlatForm(parsed.error());
    return parsed;
}

Result<GenerateRequest> BandSession::parseSheet(const SheetRequest &sheet) const
{
    QJsonObject form{{QStringLiteral("chords"), sheet.chords},
                     {QStringLiteral("tempo"), sheet.tempo},
                     {QStringLiteral("track_types"), QJsonArray::fromStringList(sheet.parts)}};
    if (!sheet.timeSignature.isEmpty())
        form.insert(QStringLiteral("time_signature"), sheet.timeSignature);
    if (!sheet.style.isEmpty())
        form.insert(QStringLiteral("style"), sheet.style);
    return parseGeneration(form);
}

Result<ChordDetectRequest> BandSession::parseChordDetection(const QJsonObject &body, const QString &prefix) const
{
    return parseChordDetectJson(body, m_generation->requestLimits(), prefix);
}

Result<ChordDetectRequest> BandSession::parseChordDetection(const QByteArray &midiFile, const ChordDetectQuery &query) const
{
    return parseChordDetectMidi(midiFile, query, m_generation->requestLimits());
}

void BandSession::detectChords(ChordDetectRequest request, ChordsCallback done)
{
    auto shared = std::make_shared<const ChordDetectRequest>(std::move(request));
    runOnPool(
        *QThreadPool::globalInstance(), this,
        [shared] { return aiband::detectChords(shared->notes, shared->options); },
        [shared, done = std::move(done)](const ChordDetection &detection) { done(detection, *shared); });
}

namespace {

// Decodes the body (decodeAudio's errors) and hears it (analyzeAudio). On a worker: a 3-minute
// song takes a second or more.
Result<HeardRecording> hearRecording(const QByteArray &body, AudioContainer container,
                                     const AudioChordDetectRequest &request)
{
    Result<DecodedAudio> decoded = decodeAudio(body, container);
    if (!decoded)
        return decoded.error();
    Result<AudioChordAnalysis> analysis = analyzeAudio(decoded->pcm, request.analysis);
    if (!analysis)
        return analysis.error();
    return HeardRecording{std::move(analysis).value(), decoded->pcm.sampleRate, decoded->fileChannels};
}

} // namespace

Result<AudioChordDetectRequest> BandSession::parseAudioChordDetection(const ChordDetectQuery &query) const
{
    return parseAudioChordDetect(query);
}

void BandSession::detectAudioChords(QByteArray body, AudioContainer container, AudioChordDetectRequest request,
                                    RecordingCallback done)
{
    if (m_audioDetections >= kAudioDetections) {
        done(makeError(QStringLiteral("busy"),
                       QStringLiteral("%1 recordings are already being heard; retry in a moment").arg(m_audioDetections)),
             request);
        return;
    }
    ++m_audioDetections;
    auto shared = std::make_shared<const AudioChordDetectRequest>(std::move(request));
    runOnPool(
        *QThreadPool::globalInstance(), this,
        [shared, container, body = std::move(body)] { return hearRecording(body, container, *shared); },
        [this, shared, done = std::move(done)](const Result<HeardRecording> &heard) {
            --m_audioDetections;
            done(heard, *shared);
        });
}

void BandSession::generate(GenerateRequest request, const Requester &requester, Callback done)
{
    submitLimited(std::move(request), requester, std::move(done));
}

void BandSession::submitLimited(GenerateRequest request, const Requester &requester, Callback done,
                                GenerationService::Renderer render)
{
    if (requester.window) {
        if (const Status queued = m_generation->submit(std::move(request), done, std::move(render)); !queued)
            done(queued.error());
        return;
    }
    const QString client = request.pluginId.isEmpty() ? requester.limitKey()
                                                      : Requester::plugin(request.pluginId).limitKey();
    if (auto refusal = m_limiter.tryStart(client)) {
        done(*refusal);
        return;
    }
    const Status queued = m_generation->submit(
        std::move(request),
        [this, client, done](const Result<GenerationResult> &result) {
            m_limiter.finish(client);
            done(result);
        },
        std::move(render));
    if (!queued) {
        m_limiter.abandon(client);
        done(queued.error());
    }
}

// ---- following a player live

Result<LiveStartRequest> BandSession::parseLiveStart(const QJsonObject &data, const QString &prefix) const
{
    return aiband::parseLiveStart(data, m_generation->styles(), m_generation->defaultStyle(), prefix);
}

Status BandSession::startLive(const QString &pluginId, const LiveStartRequest &request,
                              const LiveFollow::Started &started)
{
    if (m_live.isLive(pluginId))
        return m_live.start(pluginId, request, started);   // already_live, before the transport is touched
    if (request.tempoBpm || request.meter) {
        TransportState state = m_transport.now();
        state.tempoBpm = request.tempoBpm.value_or(state.tempoBpm);
        state.timeSignature = request.meter.value_or(state.timeSignature);
        reportTransport(state, pluginId);
    }
    return m_live.start(pluginId, request, started);
}

void BandSession::saveLive(const QString &pluginId, const LiveSaveRequest &request, const Requester &requester,
                           std::function<void(const Result<GenerationResult> &, double, double)> done)
{
    Result<LiveTake> take = m_live.take(pluginId, request);
    if (!take) {
        done(take.error(), 0.0, 0.0);
        return;
    }
    auto shared = std::make_shared<const LiveTake>(std::move(take).value());
    submitLimited(
        generationOf(*shared, pluginId), requester,
        [shared, done = std::move(done)](const Result<GenerationResult> &result) {
            done(result, shared->fromBeat, shared->toBeat);
        },
        [shared](const Arrangement &) { return renderLiveTake(*shared); });
}

void BandSession::regenerate(const QString &fileName, std::optional<quint32> seed, const Requester &requester, Callback done)
{
    Result<GenerateRequest> request = m_generation->regenerationRequest(fileName, seed);
    if (!request) {
        done(request.error());
        return;
    }
    qCInfo(lcGeneration).noquote() << "regenerating" << fileName << "with seed" << request->arrangement.seed;
    generate(std::move(request).value(), requester, std::move(done));
}

void BandSession::onGenerated(const GenerationResult &result)
{
    if (!result.pluginId.isEmpty())
        m_plugins.addFiles(result.pluginId, static_cast<int>(result.files.size()));
    emit filesGenerated(result);   // plugins hear of their files before anything else happens
    m_writeProblem.clear();
    refreshStorageProblem();
}

void BandSession::onFailed(const Error &error)
{
    if (error.code == QLatin1String("insufficient_storage") || error.code == QLatin1String("write_failed")) {
        m_writeProblem = error.message;
        refreshStorageProblem();
    }
}

void BandSession::refreshStorageProblem()
{
    setStorageProblem(m_writeProblem.isEmpty() ? m_files->settleProblem() : m_writeProblem);
}

void BandSession::setStorageProblem(const QString &problem)
{
    if (problem == m_storageProblem)
        return;
    m_storageProblem = problem;
    if (problem.isEmpty())
        qCInfo(lcFiles) << "files are being written again";
    else
        qCWarning(lcFiles).noquote() << "storage problem:" << problem;
    emit storageProblemChanged(problem);
}

// ---- files

void BandSession::deleteFiles(const QStringList &names, DeletedCallback done)
{
    ++m_deletesPending;
    runOnPool(
        m_deletePool, this,
        [names, files = m_files, publisher = m_publisher] {
            QList<Error> errors;
            for (const QString &name : names) {
                if (auto refusal = FileStore::checkFileName(name)) {
                    errors.append(*refusal);
                    continue;
                }
                if (Status removed = files->remove(name); !removed) {   // file_not_found for one not there
                    errors.append(removed.error());
                    continue;
                }
                if (publisher)
                    publisher->withdraw(name);
            }
            return errors;
        },
        [this, done = std::move(done)](const QList<Error> &errors) {
            --m_deletesPending;
            done(errors);
        });
}

Result<QByteArray> BandSession::readFile(const QString &name) const
{
    if (auto refusal = FileStore::checkFileName(name))
        return *refusal;
    // Pinned while it is read, so cleanup cannot take it away mid-read; once read, the bytes
    // are the caller's.
    const FilePin pin(*m_files, name);
    const auto file = m_files->find(name);
    QFile handle(file ? file->path : QString());
    if (!file || !handle.open(QIODevice::ReadOnly))
        return FileStore::fileNotFound(name);
    return handle.readAll();
}

// ---- audition

void BandSession::renderFileAudio(const QString &fileName, const AudioOptions &options, const Requester &requester,
                                  AudioCallback done)
{
    renderFilesAudio({fileName}, options, requester, std::move(done));
}

void BandSession::renderFilesAudio(const QStringList &fileNames, const AudioOptions &options,
                                   const Requester &requester, AudioCallback done)
{
    QList<QByteArray> files;
    for (const QString &fileName : fileNames) {
        Result<QByteArray> midi = readFile(fileName);
        if (!midi) {
            done(midi.error());
            return;
        }
        files.append(std::move(midi).value());
    }
    submitAudio([files = std::move(files)] { return files; }, options, requester, std::move(done));
}

void BandSession::renderMidiAudio(const QByteArray &midiFile, const AudioOptions &options, const Requester &requester,
                                  AudioCallback done)
{
    // FluidSynth would play a broken file as silence; our reader says what is wrong and where.
    if (Result<MidiSong> song = readMidiFile(midiFile); !song) {
        done(song.error());
        return;
    }
    submitAudio([midiFile] { return QList<QByteArray>{midiFile}; }, options, requester, std::move(done));
}

namespace {

// The files a take is heard from: every part asked for, but not the parts the full band's file
// already plays.
QList<QByteArray> filesToHear(const RenderedSong &song)
{
    const bool hasFullBand = std::any_of(song.parts.begin(), song.parts.end(),
                                         [](const RenderedPart &part) { return partRow(part.type).isBand(); });
    QList<QByteArray> files;
    for (const RenderedPart &part : song.parts)
        if (!hasFullBand || !partRow(part.type).inFullBand)
            files.append(part.midi);
    return files;
}

} // namespace

void BandSession::renderGenerationAudio(GenerateRequest request, const AudioOptions &options,
                                        const Requester &requester, AudioCallback done)
{
    // Counted against the plugin the request names, as its generations are.
    const Requester client = request.pluginId.isEmpty() || requester.window ? requester
                                                                            : Requester::plugin(request.pluginId);
    // The arrangement points into the generation service's styles, which outlive the pool.
    submitAudio([arrangement = std::move(request.arrangement)] { return filesToHear(renderSong(arrangement)); },
                options, client, std::move(done));
}

void BandSession::submitAudio(MidiToPlay midi, const AudioOptions &options, const Requester &requester,
                              AudioCallback done)
{
    Result<QString> soundFont = findSoundFont(m_soundFont);
    if (!soundFont) {
        done(soundFont.error());
        return;
    }
    if (m_audioPending >= kAudioQueue) {
        done(makeError(QStringLiteral("busy"),
                       QStringLiteral("%1 renders are already waiting; retry in a moment").arg(m_audioPending)));
        return;
    }
    const QString client = requester.limitKey();
    if (!requester.window)
        if (auto refusal = m_limiter.tryStart(client)) {
            done(*refusal);
            return;
        }
    ++m_audioPending;
    const AudioRenderSettings settings{*soundFont, options.format, options.mix, kMaxAudioSeconds};
    runOnPool(
        m_audioPool, this, [midi = std::move(midi), settings] { return renderAudio(midi(), settings); },
        [this, client, window = requester.window, done = std::move(done)](const Result<RenderedAudio> &audio) {
            --m_audioPending;
            if (!window)
                m_limiter.finish(client);
            done(audio);
        });
}

} // namespace aiband
