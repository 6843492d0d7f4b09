#pragma once

#include "audio/AudioRender.h"
#include "util/Result.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

namespace aiband {

class AudioMixDevice;
class AudioOutput;
class Orchestrator;

// Plays a take in the window: its parts rendered one by one through the session's renderer
// (BandSession::renderFileAudio, the same the audio endpoints use), held as PCM and mixed as
// the output pulls them (AudioMixDevice), so mute, volume and "this part only" act at once.
// Nothing is rendered until the first play or export; a take stays rendered until another is set.
// No widgets: AuditionBar is its face, and tests drive it with a fake output.
class AuditionPlayer : public QObject {
    Q_OBJECT
public:
    enum class State { Empty, Rendering, Ready, Playing };
    Q_ENUM(State)

    struct Part {
        QString fileName;
        QString trackType;   // "bass"; empty when the file's name does not say
        bool muted = false;
        double volume = 1.0; // 0 to 1, linear amplitude
    };

    using OutputFactory = std::function<std::unique_ptr<AudioOutput>()>;

    explicit AuditionPlayer(Orchestrator &orchestrator, QObject *parent = nullptr);
    ~AuditionPlayer() override;

    // The sound device by default (AudioSinkOutput); tests give a fake that pulls on demand.
    void setOutputFactory(OutputFactory factory);

    // The files to hear together (a take's parts, or one file), in the parts' order and without
    // the parts a full band's file among them plays already (filesToHear). Stops playing.
    void setTake(const QStringList &fileNames);
    const QList<Part> &parts() const { return m_parts; }
    QStringList fileNames() const;

    State state() const { return m_state; }
    // What went wrong last, for people (no device, no soundfont, a render failed); empty when fine.
    QString message() const { return m_message; }
    double length() const { return m_songSeconds; }   // the song's, where a loop wraps
    // Where the sound being heard now is, in seconds from the song's start: what the output has
    // pulled minus what it still holds. 0 when stopped.
    double position() const;
    bool looping() const;
    int soloPart() const { return m_solo; }   // -1: every part that is not muted
    double effectiveGain(int part) const;

public slots:
    void play();
    void stop();   // and rewind
    void setLooping(bool looping);
    void setMuted(int part, bool muted);
    void setVolume(int part, double volume);
    void setSolo(int part);   // only this part plays; -1 for all again
    // The take as it sounds now (mutes, volumes, solo) into one file, WAV or Ogg Vorbis by the
    // name's extension; answers with exportFinished.
    void exportAudio(const QString &path);

signals:
    void stateChanged(aiband::AuditionPlayer::State state);
    void positionChanged(double seconds);
    void messageChanged(const QString &message);
    void partsChanged();
    void exportFinished(const QString &path, const QString &error);   // error empty on success

private:
    void render();
    void partRendered(int takeId, int part, const Result<RenderedAudio> &audio);
    void startPlaying();
    void outputFailed(const QString &message);
    void outputDrained();
    void applyGains();
    void setState(State state);
    void setMessage(const QString &message);
    QString renderErrorMessage(const QString &fileName, const Error &error) const;
    Result<QStringList> audibleFiles(ChannelMix &mix) const;

    Orchestrator &m_orchestrator;
    OutputFactory m_outputFactory;
    std::unique_ptr<AudioOutput> m_output;
    AudioMixDevice *m_device;
    QTimer m_positionClock;
    QList<Part> m_parts;
    QList<QByteArray> m_pcm;
    QStringList m_renderErrors;
    int m_pendingRenders = 0;
    int m_takeId = 0;
    int m_solo = -1;
    double m_songSeconds = 0.0;
    bool m_rendered = false;
    bool m_playWhenRendered = false;
    State m_state = State::Empty;
    QString m_message;
};

} // namespace aiband
