// The audition in the window against a real core: a generated take rendered by the session's
// FluidSynth renderer and played through a fake output that pulls bytes when told (no sound
// device in CI). PCM levels of the mix (each part's contribution, mute, volume, "this part
// only"), a loop's wrap, Stop's rewind, the playhead from what was pulled, the messages for no
// device and no soundfont, and Export audio's WAV and Ogg files.

#include "AudioOutput.h"
#include "AudioPcm.h"
#include "AudioSinkOutput.h"
#include "AudioTake.h"
#include "AuditionBar.h"
#include "AuditionPlayer.h"
#include "FakeAudioOutput.h"
#include "FilesPage.h"
#include "FilesTableModel.h"
#include "files/TakesIndex.h"
#include "OnScreen.h"
#include "PianoRollLayout.h"
#include "PianoRollView.h"
#include "TestServer.h"

#include <QAction>
#include <QAudioDevice>
#include <QFile>
#include <QImage>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QMediaDevices>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtEndian>

#include <cmath>

using namespace aiband;
using namespace aiband::test;

namespace {

constexpr int kRenderTimeoutMs = 60000;
constexpr qint64 kBytesPerSecond = qint64(kAudioSampleRate) * kPcmBytesPerFrame;

QStringList generate(TestServer &server, const QByteArray &body)
{
    const HttpResult reply = server.post(QStringLiteral("/api/generate"), body);
    if (reply.status != 200)
        qWarning() << "generate answered" << reply.status << reply.body;
    QStringList names;
    for (const QJsonValue &file : reply.json.value(QStringLiteral("files")).toArray())
        names.append(file.toString());
    return names;
}

// Eight bars at 120 BPM: 16 s of song.
const QByteArray kTake = R"({"chord_progression": {"chords": "Am F C G Am F C G", "key": "Am", "tempo": 120},
                             "style": "rock", "track_types": ["keys", "drums", "bass"], "seed": 11})";

QList<qint16> samplesOf(const QByteArray &pcm)
{
    QList<qint16> samples(pcm.size() / 2);
    for (qsizetype i = 0; i < samples.size(); ++i)
        samples[i] = qFromLittleEndian<qint16>(pcm.constData() + 2 * i);
    return samples;
}

double rms(const QList<double> &samples)
{
    double sum = 0.0;
    for (double s : samples)
        sum += s * s;
    return samples.isEmpty() ? 0.0 : std::sqrt(sum / samples.size());
}

double rms(const QByteArray &pcm)
{
    const QList<qint16> samples = samplesOf(pcm);
    return rms(QList<double>(samples.begin(), samples.end()));
}

// The difference of two mixes, sample by sample: one part's contribution.
QList<double> difference(const QByteArray &a, const QByteArray &b)
{
    const QList<qint16> x = samplesOf(a);
    const QList<qint16> y = samplesOf(b);
    QList<double> d(std::min(x.size(), y.size()));
    for (qsizetype i = 0; i < d.size(); ++i)
        d[i] = double(x[i]) - double(y[i]);
    return d;
}

int partIndex(const AuditionPlayer &player, const QString &trackType)
{
    for (int i = 0; i < player.parts().size(); ++i)
        if (player.parts()[i].trackType == trackType)
            return i;
    return -1;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestAudition : public QObject {
    Q_OBJECT

private:
    // Plays from the start and pulls `seconds` of sound.
    static QByteArray playFromStart(AuditionPlayer &player, FakeOutput *&fake, double seconds)
    {
        player.stop();
        player.play();
        if (!QTest::qWaitFor([&] { return player.state() == AuditionPlayer::State::Playing; }, kRenderTimeoutMs))
            return {};
        return fake->pull(static_cast<qint64>(seconds * kAudioSampleRate) * kPcmBytesPerFrame);
    }

private slots:
    void wavSamplesAreReadAndOtherFormatsRefused()
    {
        // A 16-bit stereo 44.1 kHz header with an odd-sized chunk before the samples.
        QByteArray wav("RIFF\0\0\0\0WAVE", 12);
        auto chunk = [&wav](const char *id, const QByteArray &body) {
            wav += QByteArray(id, 4);
            char size[4];
            qToLittleEndian<quint32>(static_cast<quint32>(body.size()), size);
            wav += QByteArray(size, 4) + body + (body.size() % 2 ? QByteArray(1, '\0') : QByteArray());
        };
        QByteArray fmt(16, '\0');
        qToLittleEndian<quint16>(1, fmt.data());
        qToLittleEndian<quint16>(2, fmt.data() + 2);
        qToLittleEndian<quint32>(44100, fmt.data() + 4);
        qToLittleEndian<quint16>(16, fmt.data() + 14);
        chunk("fmt ", fmt);
        chunk("LIST", QByteArray("abc"));
        chunk("data", QByteArray("\x01\x00\x02\x00\x03\x00\x04\x00", 8));
        const Result<QByteArray> pcm = pcmOfWav(wav);
        QVERIFY(pcm);
        QCOMPARE(samplesOf(*pcm), (QList<qint16>{1, 2, 3, 4}));

        QByteArray mono = wav;
        qToLittleEndian<quint16>(1, mono.data() + 12 + 8 + 2);
        QCOMPARE(pcmOfWav(mono).error().code, QStringLiteral("invalid_audio"));
        QVERIFY(pcmOfWav(mono).error().message.contains(QLatin1String("1 channels")));
        QCOMPARE(pcmOfWav(QByteArray("OggS")).error().code, QStringLiteral("invalid_audio"));

        // Mixing: gains, clipping at 16 bits, and a shorter part adding silence.
        const QByteArray loud = QByteArray("\x00\x70\x00\x70\x00\x70\x00\x70", 8);   // 28672 x 4
        const QByteArray short_ = QByteArray("\x10\x00\xf0\xff", 4);                   // 16, -16
        const PcmTrack tracks[] = {{&loud, 0.5}, {&short_, 1.0}};
        qint16 out[4];
        mixPcm(tracks, 0, out, 2);
        QCOMPARE(QList<qint16>(out, out + 4), (QList<qint16>{14352, 14320, 14336, 14336}));
        const PcmTrack both[] = {{&loud, 1.0}, {&loud, 1.0}};
        mixPcm(both, 1, out, 1);
        QCOMPARE(QList<qint16>(out, out + 2), (QList<qint16>{32767, 32767}));
    }

    void aTakeIsItsRequestsParts()
    {
        TestServer server;
        QVERIFY(server.start());
        const QStringList first = generate(server, kTake);
        const QStringList second = generate(server, kTake);
        QCOMPARE(first.size(), 3);
        const FileStore &store = server.orchestrator->session().files();
        // Any of its files gives the whole take, in the parts' order, and none of the other take.
        const QStringList take = takeOf(store, first[1]);
        QCOMPARE(take.size(), 3);
        QVERIFY(take[0].contains(QLatin1String("_bass_")));
        QVERIFY(take[1].contains(QLatin1String("_drums_")));
        QVERIFY(take[2].contains(QLatin1String("_keys_")));
        for (const QString &name : take)
            QVERIFY(first.contains(name) && !second.contains(name));
        // A full band's file plays bass, drums and keys itself: they are not played twice.
        const QStringList band = generate(server, R"({"chord_progression": {"chords": "C G", "key": "C", "tempo": 100},
                                                      "track_types": ["full", "bass", "guitar"], "seed": 3})");
        QCOMPARE(band.size(), 3);
        const QStringList hear = takeOf(store, band[0]);
        QCOMPARE(hear.size(), 2);
        QVERIFY(hear[0].contains(QLatin1String("_guitar_")) || hear[1].contains(QLatin1String("_guitar_")));
        QVERIFY(!hear.join(QString()).contains(QLatin1String("_bass_")));
        // A file without metadata is a take of its own.
        QVERIFY(TakesIndex(store.directory(), false).remove({first[0]}).ok());
        QCOMPARE(takeOf(store, first[0]), QStringList{first[0]});
    }

    void muteVolumeAndSoloActOnTheMix()
    {
        TestServer server;
        QVERIFY(server.start());
        const QStringList files = generate(server, kTake);
        QCOMPARE(files.size(), 3);
        AuditionPlayer player(*server.orchestrator);
        FakeOutput *fake = nullptr;
        useFake(player, fake);
        player.setTake(files);
        QCOMPARE(player.parts().size(), 3);
        QCOMPARE(player.state(), AuditionPlayer::State::Ready);
        QCOMPARE(player.length(), 16.0);   // eight bars of 4/4 at 120 BPM
        const int drums = partIndex(player, QStringLiteral("drums"));
        const int bass = partIndex(player, QStringLiteral("bass"));
        QVERIFY(drums >= 0 && bass >= 0);

        const double seconds = 8.0;
        const QByteArray all = playFromStart(player, fake, seconds);
        QCOMPARE(all.size(), static_cast<qsizetype>(seconds * kBytesPerSecond));
        player.setMuted(drums, true);
        const QByteArray withoutDrums = playFromStart(player, fake, seconds);
        player.setMuted(drums, false);
        player.setSolo(drums);
        const QByteArray drumsOnly = playFromStart(player, fake, seconds);
        player.setVolume(drums, 0.5);
        const QByteArray drumsHalf = playFromStart(player, fake, seconds);
        player.setSolo(-1);
        player.setVolume(drums, 1.0);
        player.setSolo(bass);
        const QByteArray bassOnly = playFromStart(player, fake, seconds);

        const double levelAll = rms(all);
        const double levelDrums = rms(drumsOnly);
        qInfo("RMS: all %.1f, without drums %.1f, drums only %.1f, drums at 0.5 %.1f, bass only %.1f", levelAll,
              rms(withoutDrums), levelDrums, rms(drumsHalf), rms(bassOnly));
        QVERIFY2(levelDrums > 300, "the drums are heard");
        QVERIFY2(rms(bassOnly) > 300, "the bass is heard");
        QVERIFY2(rms(withoutDrums) < levelAll, "muting the drums lowers the level");
        // What muting took away is the drums, sample for sample (rounding: at most 1 apart).
        const QList<double> removed = difference(all, withoutDrums);
        const QList<qint16> drumSamples = samplesOf(drumsOnly);
        double worst = 0.0;
        for (qsizetype i = 0; i < removed.size(); ++i)
            worst = std::max(worst, std::abs(removed[i] - drumSamples[i]));
        QVERIFY2(worst <= 1.0, qPrintable(QString::number(worst)));
        // Volume 0.5 is half the amplitude: -6.02 dB.
        const double decibels = 20.0 * std::log10(rms(drumsHalf) / levelDrums);
        QVERIFY2(std::abs(decibels + 6.02) < 0.05, qPrintable(QString::number(decibels)));
        // "This part only" is exactly that part: the bass alone differs from the drums alone.
        QVERIFY(rms(difference(bassOnly, drumsOnly)) > 300);
    }

    void loopStopAndPlayhead()
    {
        TestServer server;
        QVERIFY(server.start());
        AuditionPlayer player(*server.orchestrator);
        FakeOutput *fake = nullptr;
        useFake(player, fake);
        player.setTake(generate(server, kTake));
        const QByteArray start = playFromStart(player, fake, 1.0);
        QCOMPARE(start.size(), kBytesPerSecond);
        QVERIFY(rms(start) > 100);
        // The playhead is what was pulled less what the device still holds.
        QCOMPARE(player.position(), 1.0);
        fake->buffered = kBytesPerSecond / 4;
        QCOMPARE(player.position(), 0.75);
        fake->buffered = 0;
        fake->pull(kBytesPerSecond);
        QCOMPARE(player.position(), 2.0);

        // Stop rewinds: playing again starts with the same sound.
        player.stop();
        QCOMPARE(player.state(), AuditionPlayer::State::Ready);
        QCOMPARE(player.position(), 0.0);
        QCOMPARE(playFromStart(player, fake, 1.0), start);

        // Looping, the sound after the song's end (16 s) is its start again.
        player.setLooping(true);
        const QByteArray looped = playFromStart(player, fake, 17.0);
        QCOMPARE(looped.size(), 17 * kBytesPerSecond);
        QCOMPARE(looped.mid(16 * kBytesPerSecond), start);
        QCOMPARE(player.position(), 1.0);
        // Just after a wrap, the device still plays the end of the previous round.
        fake->buffered = 2 * kBytesPerSecond;
        QCOMPARE(player.position(), 15.0);
        fake->buffered = 0;

        // Without the loop, the sound ends (the instruments' release after the song) and the
        // player stops, back at the start.
        player.setLooping(false);
        QSignalSpy stopped(&player, &AuditionPlayer::stateChanged);
        const QByteArray whole = playFromStart(player, fake, 60.0);
        QVERIFY(whole.size() >= 16 * kBytesPerSecond);
        QVERIFY(whole.size() < 30 * kBytesPerSecond);
        QCOMPARE(player.state(), AuditionPlayer::State::Ready);
        QCOMPARE(player.position(), 0.0);
    }

    void noDeviceIsAMessage()
    {
        TestServer server;
        QVERIFY(server.start());
        AuditionPlayer player(*server.orchestrator);
        FakeOutput *fake = nullptr;
        useFake(player, fake);
        player.setTake(generate(server, kTake));
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(fake && fake->started(), kRenderTimeoutMs);
        // The device goes away while playing: stopped, and said.
        fake->fail(QStringLiteral("the sound device stopped"));
        QCOMPARE(player.state(), AuditionPlayer::State::Ready);
        QCOMPARE(player.message(), QStringLiteral("the sound device stopped"));

        // No device at all: Play says so and does not play; the next Play tries again.
        fake->refusal = AudioSinkOutput::noDeviceMessage();
        player.play();
        QCOMPARE(player.state(), AuditionPlayer::State::Ready);
        QCOMPARE(player.message(), AudioSinkOutput::noDeviceMessage());
        QVERIFY(player.message().contains(QLatin1String("Export audio")));
        fake->refusal.reset();
        player.play();
        QCOMPARE(player.state(), AuditionPlayer::State::Playing);
        QCOMPARE(player.message(), QString());

        // The real output on a machine without sound devices (CI): the same message, no crash.
        if (!QMediaDevices::audioOutputs().isEmpty())
            QSKIP("this machine has a sound device; the fake covered the message");
        AuditionPlayer real(*server.orchestrator);
        real.setTake(player.fileNames());
        real.play();
        QTRY_COMPARE_WITH_TIMEOUT(real.message(), AudioSinkOutput::noDeviceMessage(), kRenderTimeoutMs);
        QCOMPARE(real.state(), AuditionPlayer::State::Ready);
    }

    void aMissingSoundfontIsNamed()
    {
        Config config;
        config.soundFont = QStringLiteral("/nonexistent/bogus.sf2");
        TestServer server(config);
        QVERIFY(server.start());
        AuditionPlayer player(*server.orchestrator);
        FakeOutput *fake = nullptr;
        useFake(player, fake);
        player.setTake(generate(server, kTake));
        player.play();
        QTRY_VERIFY_WITH_TIMEOUT(!player.message().isEmpty(), kRenderTimeoutMs);
        QCOMPARE(player.state(), AuditionPlayer::State::Ready);
        QVERIFY(player.message().contains(QLatin1String("/nonexistent/bogus.sf2")));
        QVERIFY(player.message().contains(QLatin1String("audio.soundfont")));
        QVERIFY(player.message().contains(QLatin1String("fluid-soundfont-gm")));
        QCOMPARE(player.message().count(QLatin1String("bogus.sf2")), 1);   // said once, not per part
        QVERIFY(!fake);   // nothing was played
    }

    void filesPagePlaysTheSelectedTakeWithAPlayhead()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesPage page(*server.orchestrator);
        FakeOutput *fake = nullptr;
        useFake(*page.audition()->player(), fake);
        const QStringList files = generate(server, kTake);
        QVERIFY(showAt(page, {900, 700}));
        page.selectFiles({files[0]});
        QTRY_COMPARE(page.audition()->player()->parts().size(), 3);
        AuditionPlayer &player = *page.audition()->player();
        const QStringList playing = player.fileNames();
        QCOMPARE(QSet<QString>(playing.begin(), playing.end()), QSet<QString>(files.begin(), files.end()));
        QVERIFY(page.audition()->findChild<QLabel *>() != nullptr);
        // The context menu: the audition's actions with the buttons'.
        QStringList actions;
        for (QAction *action : page.view()->actions())
            if (!action->isSeparator())
                actions.append(action->objectName());
        QCOMPARE(actions, (QStringList{QStringLiteral("playAction"), QStringLiteral("exportAudioAction"),
                                       QStringLiteral("regenerateAction"), QStringLiteral("deleteAction"),
                                       QStringLiteral("openFolderAction")}));
        QCOMPARE(page.view()->contextMenuPolicy(), Qt::ActionsContextMenu);

        // The bar's rows act on the player: mute, volume, and one part only at a time.
        AuditionBar &bar = *page.audition();
        const int drums = partIndex(player, QStringLiteral("drums"));
        const int keys = partIndex(player, QStringLiteral("keys"));
        bar.findChild<QToolButton *>(QStringLiteral("auditionMute-%1").arg(drums))->click();
        QCOMPARE(player.effectiveGain(drums), 0.0);
        bar.findChild<QToolButton *>(QStringLiteral("auditionMute-%1").arg(drums))->click();
        bar.findChild<QSlider *>(QStringLiteral("auditionVolume-%1").arg(keys))->setValue(25);
        QCOMPARE(player.effectiveGain(keys), 0.25);
        QCOMPARE(player.effectiveGain(drums), 1.0);
        auto *drumsOnly = bar.findChild<QToolButton *>(QStringLiteral("auditionSolo-%1").arg(drums));
        auto *keysOnly = bar.findChild<QToolButton *>(QStringLiteral("auditionSolo-%1").arg(keys));
        drumsOnly->click();
        QCOMPARE(player.soloPart(), drums);
        keysOnly->click();
        QVERIFY(!drumsOnly->isChecked());
        QCOMPARE(player.soloPart(), keys);
        QCOMPARE(player.effectiveGain(drums), 0.0);
        QCOMPARE(player.effectiveGain(keys), 0.25);
        keysOnly->click();
        QCOMPARE(player.soloPart(), -1);
        QCOMPARE(player.effectiveGain(drums), 1.0);
        // Without a selection the row actions have nothing to act on.
        page.view()->selectionModel()->clearSelection();
        QVERIFY(!page.view()->findChild<QAction *>(QStringLiteral("playAction"))->isEnabled());
        QVERIFY(page.view()->findChild<QAction *>(QStringLiteral("openFolderAction"))->isEnabled());
        QCOMPARE(player.parts().size(), 0);
        page.selectFiles({files[0]});
        QTRY_COMPARE(player.parts().size(), 3);

        page.view()->findChild<QAction *>(QStringLiteral("playAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(player.state(), AuditionPlayer::State::Playing, kRenderTimeoutMs);
        QVERIFY(!page.audition()->findChild<QPushButton *>(QStringLiteral("auditionPlay"))->isEnabled());
        QVERIFY(page.audition()->findChild<QPushButton *>(QStringLiteral("auditionStop"))->isEnabled());
        fake->pull(4 * kBytesPerSecond);
        QTRY_COMPARE(page.preview()->playhead(), std::optional<double>(4.0));
        // Four seconds are two bars of 4/4 at 120 BPM: a quarter of the song, on bar 3's line.
        const PianoRollLayout layout(page.preview()->song(), page.preview()->noteArea());
        const int x = static_cast<int>(std::round(layout.xForSeconds(4.0)));
        QCOMPARE(x, static_cast<int>(std::round(layout.bars()[2].x)));
        const QImage shot = page.preview()->grab().toImage();
        QCOMPARE(shot.pixelColor(x, shot.height() - 3), PianoRollView::playheadColour());
        QVERIFY(shot.pixelColor(x + 3, shot.height() - 3) != PianoRollView::playheadColour());

        // Another part of the same take keeps playing; Stop takes the playhead away.
        page.selectFiles({files[1]});
        QTRY_COMPARE(page.preview()->filePath().endsWith(files[1]), true);
        QCOMPARE(player.state(), AuditionPlayer::State::Playing);
        page.audition()->findChild<QPushButton *>(QStringLiteral("auditionStop"))->click();
        QCOMPARE(page.preview()->playhead(), std::nullopt);
        QVERIFY(page.audition()->findChild<QPushButton *>(QStringLiteral("auditionPlay"))->isEnabled());
    }

    void exportAudioWritesWavAndOgg()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesPage page(*server.orchestrator);
        const QStringList files = generate(server, kTake);
        page.selectFiles({files[0]});
        QTRY_COMPARE(page.audition()->player()->parts().size(), 3);
        AuditionPlayer &player = *page.audition()->player();
        QTemporaryDir out;
        QString answer;
        page.setSavePathChooser([&answer](QWidget *, const QString &suggested) {
            return suggested.endsWith(QLatin1String(".wav")) ? answer : QString();
        });
        QSignalSpy finished(&player, &AuditionPlayer::exportFinished);
        QAction *exportAction = page.view()->findChild<QAction *>(QStringLiteral("exportAudioAction"));

        answer = out.filePath(QStringLiteral("take.wav"));
        exportAction->trigger();
        QVERIFY(finished.wait(kRenderTimeoutMs));
        QCOMPARE(finished.last().at(1).toString(), QString());
        const Result<QByteArray> pcm = pcmOfWav(readAll(answer));
        QVERIFY(pcm);
        // The song and the release after it, not silent.
        QVERIFY(pcmFrames(*pcm) >= 16 * kAudioSampleRate);
        const double full = rms(*pcm);
        QVERIFY2(full > 300, qPrintable(QString::number(full)));
        QVERIFY(page.audition()->message().contains(QLatin1String("take.wav")));

        // As it sounds: the drums alone are quieter than the whole take, and another sound.
        player.setSolo(partIndex(player, QStringLiteral("drums")));
        answer = out.filePath(QStringLiteral("drums.wav"));
        exportAction->trigger();
        QVERIFY(finished.wait(kRenderTimeoutMs));
        const Result<QByteArray> drums = pcmOfWav(readAll(answer));
        QVERIFY(drums);
        QVERIFY(rms(*drums) > 300);
        QVERIFY(rms(*drums) < full);
        player.setSolo(-1);

        // Ogg Vorbis by the name; sox reads it back, as long as the song.
        answer = out.filePath(QStringLiteral("take.ogg"));
        exportAction->trigger();
        QVERIFY(finished.wait(kRenderTimeoutMs));
        QCOMPARE(finished.last().at(1).toString(), QString());
        QVERIFY(readAll(answer).startsWith("OggS"));
        const QString sox = QStandardPaths::findExecutable(QStringLiteral("sox"));
        QVERIFY2(!sox.isEmpty(), "sox is a test dependency (scripts/install-deps.sh --test)");
        QProcess stat;
        stat.start(sox, {answer, QStringLiteral("-n"), QStringLiteral("stat")});
        QVERIFY(stat.waitForFinished(30000));
        const QString report = QString::fromUtf8(stat.readAllStandardError());
        const auto length = QRegularExpression(QStringLiteral(R"(Length \(seconds\):\s+([0-9.]+))")).match(report);
        const auto level = QRegularExpression(QStringLiteral(R"(RMS\s+amplitude:\s+([0-9.]+))")).match(report);
        QVERIFY2(length.hasMatch() && level.hasMatch(), qPrintable(report));
        QVERIFY(length.captured(1).toDouble() >= 16.0);
        QVERIFY(level.captured(1).toDouble() > 0.005);

        // Refusals are said: every part muted, another extension, a folder that is not there.
        for (int i = 0; i < player.parts().size(); ++i)
            player.setMuted(i, true);
        answer = out.filePath(QStringLiteral("silence.wav"));
        exportAction->trigger();
        QCOMPARE(finished.last().at(1).toString(), QStringLiteral("Every part is muted: there is nothing to export."));
        QVERIFY(!QFile::exists(answer));
        for (int i = 0; i < player.parts().size(); ++i)
            player.setMuted(i, false);
        player.exportAudio(out.filePath(QStringLiteral("take.mp3")));
        QCOMPARE(finished.last().at(1).toString(), QStringLiteral("Choose a file name ending in .wav or .ogg."));
        answer = out.filePath(QStringLiteral("missing/take.wav"));
        exportAction->trigger();
        QVERIFY(finished.wait(kRenderTimeoutMs));
        QVERIFY(finished.last().at(1).toString().startsWith(QLatin1String("Cannot write ")));
        QCOMPARE(page.audition()->message(), finished.last().at(1).toString());
    }
};

QTEST_MAIN(TestAudition)
#include "tst_audition.moc"
