#include "AuditionPlayer.h"

#include "AudioMixDevice.h"
#include "AudioPcm.h"
#include "AudioSinkOutput.h"
#include "AudioTake.h"
#include "Orchestrator.h"
#include "music/MidiReader.h"

#include <QFileInfo>
#include <QPointer>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

constexpr int kPositionIntervalMs = 40;   // the playhead moves 25 times a second

double songSeconds(const MidiSong &song)
{
    return song.tempoBpm > 0 ? static_cast<double>(song.endTick) / kTicksPerQuarter * 60.0 / song.tempoBpm : 0.0;
}

} // namespace

AuditionPlayer::AuditionPlayer(Orchestrator &orchestrator, QObject *parent)
    : QObject(parent),
      m_orchestrator(orchestrator),
      m_outputFactory([] { return std::make_unique<AudioSinkOutput>(); }),
      m_device(new AudioMixDevice(this))
{
    m_positionClock.setInterval(kPositionIntervalMs);
    connect(&m_positionClock, &QTimer::timeout, this, [this] { emit positionChanged(position()); });
}

AuditionPlayer::~AuditionPlayer()
{
    if (m_output)
        m_output->stop();
}

void AuditionPlayer::setOutputFactory(OutputFactory factory)
{
    stop();
    m_output.reset();
    m_outputFactory = std::move(factory);
}

QStringList AuditionPlayer::fileNames() const
{
    QStringList names;
    for (const Part &part : m_parts)
        names.append(part.fileName);
    return names;
}

void AuditionPlayer::setTake(const QStringList &fileNames)
{
    const FileStore &store = m_orchestrator.session().files();
    const QStringList hear = filesToHear(store, fileNames);
    if (hear == this->fileNames())
        return;
    stop();
    ++m_takeId;   // renders still running for the previous take are dropped when they answer
    m_parts.clear();
    m_pcm.clear();
    m_renderErrors.clear();
    m_pendingRenders = 0;
    m_rendered = false;
    m_playWhenRendered = false;
    m_solo = -1;
    m_songSeconds = 0.0;
    for (const QString &name : hear) {
        const std::optional<StoredFile> file = store.find(name);
        m_parts.append({name, file ? file->trackType : QString()});
        if (Result<QByteArray> bytes = m_orchestrator.session().readFile(name))
            if (Result<MidiSong> song = readMidiFile(*bytes))
                m_songSeconds = std::max(m_songSeconds, songSeconds(*song));
    }
    m_device->setParts({});
    setMessage({});
    setState(m_parts.isEmpty() ? State::Empty : State::Ready);
    emit partsChanged();
    emit positionChanged(0.0);
}

void AuditionPlayer::play()
{
    if (m_parts.isEmpty() || m_state == State::Playing)
        return;
    if (!m_rendered) {
        m_playWhenRendered = true;
        render();
        return;
    }
    startPlaying();
}

void AuditionPlayer::render()
{
    if (m_pendingRenders > 0)
        return;
    setMessage({});
    setState(State::Rendering);
    m_pcm = QList<QByteArray>(m_parts.size());
    m_renderErrors.clear();
    m_pendingRenders = static_cast<int>(m_parts.size());
    const int takeId = m_takeId;
    QPointer<AuditionPlayer> player(this);
    for (int i = 0; i < m_parts.size(); ++i) {
        m_orchestrator.session().renderFileAudio(
            m_parts[i].fileName, AudioOptions{}, Requester::fromWindow(),
            [player, takeId, i](const Result<RenderedAudio> &audio) {
                if (player)
                    player->partRendered(takeId, i, audio);
            });
    }
}

void AuditionPlayer::partRendered(int takeId, int part, const Result<RenderedAudio> &audio)
{
    if (takeId != m_takeId)
        return;
    if (!audio) {
        m_renderErrors.append(renderErrorMessage(m_parts[part].fileName, audio.error()));
    } else if (Result<QByteArray> pcm = pcmOfWav(audio->bytes); !pcm) {
        m_renderErrors.append(renderErrorMessage(m_parts[part].fileName, pcm.error()));
    } else {
        m_pcm[part] = std::move(pcm).value();
    }
    if (--m_pendingRenders > 0)
        return;
    m_renderErrors.removeDuplicates();   // no soundfont is said once, not once per part
    if (!m_renderErrors.isEmpty()) {
        m_playWhenRendered = false;
        setState(State::Ready);
        setMessage(m_renderErrors.join(QLatin1Char('\n')));
        return;
    }
    m_rendered = true;
    m_device->setParts(m_pcm);
    // A song without length (unread, or empty) loops over the longest part, as setParts left it.
    if (const qint64 loopFrames = std::llround(m_songSeconds * kAudioSampleRate); loopFrames > 0)
        m_device->setLoopFrames(loopFrames);
    applyGains();
    setState(State::Ready);
    if (std::exchange(m_playWhenRendered, false))
        startPlaying();
}

QString AuditionPlayer::renderErrorMessage(const QString &fileName, const Error &error) const
{
    if (error.code == QLatin1String("no_soundfont")) {
        const QString configured = m_orchestrator.config().soundFont;
        if (!configured.isEmpty())
            return tr("Cannot play: the soundfont %1 chosen in the settings (audio.soundfont) is not there. "
                      "Choose another .sf2 file, or clear the setting to use the General MIDI soundfont of "
                      "the fluid-soundfont-gm package.").arg(configured);
        return tr("Cannot play: there is no soundfont. Install the fluid-soundfont-gm package "
                  "(sudo apt install fluid-soundfont-gm), or choose a .sf2 file in the settings (audio.soundfont).");
    }
    return tr("Cannot play %1: %2").arg(fileName, error.message);
}

void AuditionPlayer::startPlaying()
{
    if (!m_output) {
        m_output = m_outputFactory();
        connect(m_output.get(), &AudioOutput::failed, this, &AuditionPlayer::outputFailed);
        connect(m_output.get(), &AudioOutput::drained, this, &AuditionPlayer::outputDrained);
    }
    // Unbuffered: QIODevice would read ahead into a buffer of its own, so a mute would be heard
    // late, the playhead would run early, and a rewind would replay what that buffer held.
    m_device->close();
    m_device->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    m_device->rewind();
    if (std::optional<QString> refused = m_output->start(m_device)) {
        setMessage(*refused);
        setState(State::Ready);
        return;
    }
    setMessage({});
    setState(State::Playing);
    m_positionClock.start();
    emit positionChanged(0.0);
}

void AuditionPlayer::stop()
{
    m_playWhenRendered = false;
    if (m_state != State::Playing)
        return;
    m_positionClock.stop();
    if (m_output)
        m_output->stop();
    m_device->rewind();
    setState(State::Ready);
    emit positionChanged(0.0);
}

void AuditionPlayer::outputFailed(const QString &message)
{
    stop();
    setMessage(message);
}

void AuditionPlayer::outputDrained()
{
    if (m_state == State::Playing && m_device->finished())
        stop();
}

double AuditionPlayer::position() const
{
    if (m_state != State::Playing)
        return 0.0;
    const qint64 buffered = m_output ? m_output->bufferedBytes() / kPcmBytesPerFrame : 0;
    qint64 heard = m_device->cursor() - buffered;
    if (heard < 0)   // the buffer still holds the end of the previous round of a loop
        heard = m_device->looping() ? std::max<qint64>(0, heard + m_device->loopFrames()) : 0;
    return pcmSeconds(heard);
}

bool AuditionPlayer::looping() const
{
    return m_device->looping();
}

void AuditionPlayer::setLooping(bool looping)
{
    if (looping == m_device->looping())
        return;
    // Past the loop's end (in the instruments' release) the next read wraps at once.
    m_device->setLooping(looping);
}

double AuditionPlayer::effectiveGain(int part) const
{
    if (part < 0 || part >= m_parts.size())
        return 0.0;
    if (m_solo >= 0)
        return part == m_solo ? m_parts[part].volume : 0.0;
    return m_parts[part].muted ? 0.0 : m_parts[part].volume;
}

void AuditionPlayer::applyGains()
{
    for (int i = 0; i < m_parts.size(); ++i)
        m_device->setGain(i, effectiveGain(i));
}

void AuditionPlayer::setMuted(int part, bool muted)
{
    if (part < 0 || part >= m_parts.size())
        return;
    m_parts[part].muted = muted;
    applyGains();
}

void AuditionPlayer::setVolume(int part, double volume)
{
    if (part < 0 || part >= m_parts.size())
        return;
    m_parts[part].volume = std::clamp(volume, 0.0, 1.0);
    applyGains();
}

void AuditionPlayer::setSolo(int part)
{
    m_solo = part >= 0 && part < m_parts.size() ? part : -1;
    applyGains();
}

void AuditionPlayer::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void AuditionPlayer::setMessage(const QString &message)
{
    if (message == m_message)
        return;
    m_message = message;
    emit messageChanged(message);
}

Result<QStringList> AuditionPlayer::audibleFiles(ChannelMix &mix) const
{
    // The renderer plays the files together as one song, each channel at its part's gain, so the
    // export needs no mixing of its own (and Ogg gets the same encoder). The channels come from
    // each file: a file dropped into the folder need not use our parts' channels.
    QStringList files;
    for (int i = 0; i < m_parts.size(); ++i) {
        const double gain = effectiveGain(i);
        if (gain <= 0.0)
            continue;
        Result<QByteArray> bytes = m_orchestrator.session().readFile(m_parts[i].fileName);
        if (!bytes)
            return bytes.error();
        Result<MidiSong> song = readMidiFile(*bytes);
        if (!song)
            return makeError(song.error().code, tr("%1: %2").arg(m_parts[i].fileName, song.error().message));
        for (const MidiPart &part : song->parts)
            mix.gain[static_cast<size_t>(part.channel & 0x0F)] = gain;
        files.append(m_parts[i].fileName);
    }
    if (files.isEmpty())
        return makeError(QStringLiteral("nothing_audible"), tr("Every part is muted: there is nothing to export."));
    return files;
}

void AuditionPlayer::exportAudio(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("wav") && suffix != QLatin1String("ogg")) {
        emit exportFinished(path, tr("Choose a file name ending in .wav or .ogg."));
        return;
    }
    AudioOptions options;
    options.format = suffix == QLatin1String("ogg") ? AudioFormat::Ogg : AudioFormat::Wav;
    options.mix.gain.fill(0.0);   // channels no audible part plays stay silent
    Result<QStringList> files = audibleFiles(options.mix);
    if (!files) {
        emit exportFinished(path, files.error().message);
        return;
    }
    QPointer<AuditionPlayer> player(this);
    m_orchestrator.session().renderFilesAudio(*files, options, Requester::fromWindow(),
                                             [player, path](const Result<RenderedAudio> &audio) {
        if (!player)
            return;
        if (!audio) {
            emit player->exportFinished(path, player->renderErrorMessage(QFileInfo(path).fileName(), audio.error()));
            return;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(audio->bytes) != audio->bytes.size() || !file.commit()) {
            emit player->exportFinished(path, tr("Cannot write %1: %2").arg(path, file.errorString()));
            return;
        }
        emit player->exportFinished(path, {});
    });
}

} // namespace aiband
