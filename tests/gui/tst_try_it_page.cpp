// The Try-it panel against a real core on port 0: a generation from the form, its files on
// disk and in the Files tab, the bass part read back with the core's MIDI reader, and the
// parser's errors shown inline with nothing generated. Every control reaches the request the
// API's parser reads, and the ones that shape the music reach the file (length, count-in, key,
// the full band's file, the guitar, New take's seed); chords typed in German and Spanish note
// names; errors in the user's language that keep the last good take on screen.

#include "AuditionBar.h"
#include "AuditionPlayer.h"
#include "AudioPcm.h"
#include "FakeAudioOutput.h"
#include "FilesTableModel.h"
#include "LanguageLoader.h"
#include "PianoRollView.h"
#include "StyleTitle.h"
#include "TestServer.h"
#include "TryItErrorText.h"
#include "TryItPage.h"
#include "TryItTake.h"
#include "audio/AudioRender.h"
#include "music/ChordSheet.h"
#include "music/MidiReader.h"
#include "music/PartRegistry.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QJsonArray>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>

using namespace aiband;
using namespace aiband::test;

namespace {

template <typename T>
T *child(const QWidget &page, const char *name)
{
    T *found = page.findChild<T *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no child %s", name);
    return found;
}

QStringList midiFilesIn(const QString &folder)
{
    return QDir(folder).entryList({QStringLiteral("*.mid")}, QDir::Files);
}

void choose(QComboBox *box, const QVariant &data)
{
    const int index = box->findData(data);
    if (index < 0)
        qFatal("no item %s in %s", qPrintable(data.toString()), qPrintable(box->objectName()));
    box->setCurrentIndex(index);
}

// Only the named parts ticked.
void tickOnly(const QWidget &page, const QStringList &types)
{
    for (QCheckBox *box : page.findChildren<QCheckBox *>()) {
        if (box->objectName().startsWith(QLatin1String("part_")))
            box->setChecked(types.contains(box->property("trackType").toString()));
    }
}

bool generateOn(TryItPage &page, const char *button = "generate")
{
    QSignalSpy finished(&page, &TryItPage::generationFinished);
    child<QPushButton>(page, button)->click();
    if (finished.isEmpty() && !finished.wait(10000))
        return false;
    return finished.first().first().toBool();
}

QByteArray fileBytes(const GeneratedFile &file)
{
    QFile in(file.file.path);
    return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
}

MidiSong songOf(const GeneratedFile &file)
{
    const Result<MidiSong> song = readMidiFile(fileBytes(file));
    if (!song)
        qFatal("%s does not read: %s", qPrintable(file.file.name), qPrintable(song.error().message));
    return *song;
}

QStringList partNames(const QList<TrackType> &types)
{
    QStringList names;
    for (TrackType type : types)
        names.append(QString::fromLatin1(partRow(type).name));
    return names;
}

} // namespace

class TestTryItPage : public QObject {
    Q_OBJECT

private slots:
    void generatesFromTheForm()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesTableModel files(*server.orchestrator);
        TryItPage page(*server.orchestrator);
        page.show();

        child<QLineEdit>(page, "chords")->setText(QStringLiteral("C Am | F G"));
        auto *style = child<QComboBox>(page, "style");
        style->setCurrentIndex(style->findData(QStringLiteral("waltz")));
        QCOMPARE(child<QComboBox>(page, "meter")->currentText(), QStringLiteral("3/4"));   // the style's meter
        child<QComboBox>(page, "meter")->setCurrentText(QStringLiteral("6/8"));
        child<QSpinBox>(page, "tempo")->setValue(100);
        child<QCheckBox>(page, "part_drums")->setChecked(false);

        QSignalSpy finished(&page, &TryItPage::generationFinished);
        auto *button = child<QPushButton>(page, "generate");
        button->click();
        QVERIFY(!button->isEnabled());   // one generation at a time
        QVERIFY(page.isGenerating());
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().first().toBool(), true);
        QVERIFY(button->isEnabled());

        // Bass and keys, written to the files folder under the server's naming convention.
        const QList<GeneratedFile> result = page.resultFiles();
        QCOMPARE(result.size(), 2);
        QCOMPARE(result[0].trackType, QStringLiteral("bass"));
        QCOMPARE(result[1].trackType, QStringLiteral("keys"));
        QStringList names;
        for (const GeneratedFile &file : result) {
            QVERIFY(QFile::exists(file.file.path));
            QCOMPARE(QFileInfo(file.file.path).absolutePath(), QFileInfo(server.filesDir()).absoluteFilePath());
            QVERIFY2(file.file.name.contains(QLatin1String("_100_")), qPrintable(file.file.name));
            names.append(file.file.name);
        }
        names.sort();
        QStringList onDisk = midiFilesIn(server.filesDir());
        onDisk.sort();
        QCOMPARE(onDisk, names);

        // The bass part, read back by the core's reader (no mido involved): notes, tempo, meter.
        QFile bassFile(result[0].file.path);
        QVERIFY(bassFile.open(QIODevice::ReadOnly));
        const Result<MidiSong> bass = readMidiFile(bassFile.readAll());
        QVERIFY(bass.ok());
        QCOMPARE(bass->tempoBpm, 100.0);
        QCOMPARE(bass->timeSignature, (TimeSignature{6, 8}));
        QCOMPARE(bass->parts.size(), size_t(1));
        QVERIFY(bass->parts.front().notes.size() >= 4);
        QCOMPARE(static_cast<int>(bass->parts.front().notes.size()), result[0].noteCount);

        // Each part is previewed, and drags its file.
        auto *roll = child<PianoRollView>(page, "preview_bass");
        QCOMPARE(roll->filePath(), result[0].file.path);
        QCOMPARE(roll->message(), QString());
        std::unique_ptr<QMimeData> drag(roll->dragData());
        QCOMPARE(drag->urls(), (QList<QUrl>{QUrl::fromLocalFile(result[0].file.path)}));
        QCOMPARE(child<PianoRollView>(page, "preview_keys")->filePath(), result[1].file.path);
        QVERIFY(!page.findChild<PianoRollView *>(QStringLiteral("preview_drums")));

        // The Files tab lists them, with the style this run knows they were played in.
        QTRY_COMPARE(files.rowCount(), 2);
        const int row = files.rowOf(result[0].file.name);
        QVERIFY(row >= 0);
        QCOMPARE(files.index(row, FilesTableModel::Style).data().toString(), QStringLiteral("Waltz"));   // its title
        QCOMPARE(files.index(row, FilesTableModel::Style).data(FilesTableModel::SortRole).toString(), QStringLiteral("waltz"));
        QCOMPARE(files.index(row, FilesTableModel::Tempo).data().toInt(), 100);

        // A second generation replaces the previews.
        finished.clear();
        child<QCheckBox>(page, "part_keys")->setChecked(false);
        button->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(page.resultFiles().size(), 1);
        QTRY_VERIFY(!page.findChild<PianoRollView *>(QStringLiteral("preview_keys")));
    }

    // The take is heard in Try it: the audition bar holds its parts after a generation (nothing
    // plays by itself), "Play this part only" hears that part alone (its sound, not silence), the
    // playhead runs over every piano roll while it plays and goes when it stops.
    void theTakeIsHeardHereWithItsPlayhead()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator);
        page.show();
        FakeOutput *fake = nullptr;
        useFake(*page.audition()->player(), fake);
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("C Am | F G"));
        tickOnly(page, {QStringLiteral("bass"), QStringLiteral("drums")});
        QVERIFY(generateOn(page));

        AuditionPlayer *player = page.audition()->player();
        QVERIFY(page.audition()->isVisibleTo(&page));
        const QList<GeneratedFile> files = page.resultFiles();
        QCOMPARE(files.size(), 2);
        QCOMPARE(player->fileNames(), (QStringList{files[0].file.name, files[1].file.name}));
        QCOMPARE(player->state(), AuditionPlayer::State::Ready);

        child<QAbstractButton>(page, "auditionSolo-1")->click();   // the drums
        QCOMPARE(player->soloPart(), 1);
        child<QPushButton>(page, "auditionPlay")->click();
        QVERIFY(QTest::qWaitFor([&] { return player->state() == AuditionPlayer::State::Playing; }, 60000));
        const QByteArray second = fake->pull(kAudioSampleRate * kPcmBytesPerFrame);
        QCOMPARE(second.size(), qsizetype(kAudioSampleRate) * kPcmBytesPerFrame);
        const auto *samples = reinterpret_cast<const qint16 *>(second.constData());
        int loudest = 0;
        for (qsizetype i = 0; i < second.size() / 2; ++i)
            loudest = std::max(loudest, std::abs(int(samples[i])));
        QVERIFY2(loudest > 1000, qPrintable(QString::number(loudest)));   // drums heard, not silence

        // A second pulled: both rolls show the playhead there on the player's next tick.
        auto *drumsRoll = child<PianoRollView>(page, "preview_drums");
        auto *bassRoll = child<PianoRollView>(page, "preview_bass");
        QTRY_VERIFY(drumsRoll->playhead().has_value() && *drumsRoll->playhead() > 0.9);
        QCOMPARE(*drumsRoll->playhead(), player->position());
        QVERIFY(*drumsRoll->playhead() <= 1.0);
        QCOMPARE(bassRoll->playhead(), drumsRoll->playhead());

        child<QPushButton>(page, "auditionStop")->click();
        QVERIFY(!drumsRoll->playhead().has_value());
        QVERIFY(!bassRoll->playhead().has_value());
    }

    // The guitar is offered beside the band, unticked (the full band is bass, drums and keys),
    // and plays on its own when ticked.
    void guitarIsOfferedUntickedAndPlaysWhenTicked()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator);
        page.show();
        auto *guitar = child<QCheckBox>(page, "part_guitar");
        QCOMPARE(guitar->text(), QStringLiteral("Guitar"));
        QVERIFY(!guitar->isChecked());
        for (const char *name : {"part_bass", "part_drums", "part_keys"})
            child<QCheckBox>(page, name)->setChecked(false);
        guitar->setChecked(true);
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("G | D | Em | C"));
        QSignalSpy finished(&page, &TryItPage::generationFinished);
        child<QPushButton>(page, "generate")->click();
        QVERIFY(finished.wait(10000));
        const QList<GeneratedFile> result = page.resultFiles();
        QCOMPARE(result.size(), 1);
        QCOMPARE(result[0].trackType, QStringLiteral("guitar"));
        QFile file(result[0].file.path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Result<MidiSong> song = readMidiFile(file.readAll());
        QVERIFY(song.ok());
        QCOMPARE(song->parts.size(), size_t(1));
        QCOMPARE(song->parts.front().name, QStringLiteral("Guitar"));
        QVERIFY(song->parts.front().notes.size() >= 8);
        QTRY_VERIFY(page.findChild<PianoRollView *>(QStringLiteral("preview_guitar")));
    }

    void invalidChordsShowTheParsersErrorAndGenerateNothing()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator);
        page.show();
        const QString sheet = QStringLiteral("C Xq7 F");
        child<QLineEdit>(page, "chords")->setText(sheet);
        QSignalSpy finished(&page, &TryItPage::generationFinished);
        child<QPushButton>(page, "generate")->click();

        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toBool(), false);
        const Result<QList<ChordEvent>> parsed = parseChordSheet(sheet, 4.0);
        QVERIFY(!parsed.ok());
        auto *error = child<QLabel>(page, "chordsError");
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(), QStringLiteral("Chord 2 (bar 2) cannot be read: “Xq7”."));
        QCOMPARE(error->toolTip(), parsed.error().message);   // the API's own words
        QVERIFY(child<QPushButton>(page, "generate")->isEnabled());
        QVERIFY(page.resultFiles().isEmpty());
        QCOMPARE(server.orchestrator->session().generation().generatedCount(), quint64(0));
        QVERIFY(midiFilesIn(server.filesDir()).isEmpty());

        // Fixing the chords clears the error as you type.
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("C Am7 F"));
        QVERIFY(error->isHidden());

        // An empty sheet is the parser's error too, told with an example.
        child<QLineEdit>(page, "chords")->clear();
        child<QPushButton>(page, "generate")->click();
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(), QStringLiteral("Type the chords first, e.g. C Am F G."));
        QCOMPARE(error->toolTip(), parseChordSheet(QString(), 4.0).error().message);
        QVERIFY(midiFilesIn(server.filesDir()).isEmpty());
    }

    void noPartsIsRefusedWithAReason()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator);
        for (const char *name : {"part_bass", "part_drums", "part_keys", "part_guitar"})
            child<QCheckBox>(page, name)->setChecked(false);
        child<QPushButton>(page, "generate")->click();
        auto *error = child<QLabel>(page, "partsError");
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(), QStringLiteral("Choose at least one part."));
        QVERIFY(error->toolTip().startsWith(QLatin1String("track_types must be a non-empty array")));   // the API's
        QVERIFY(child<QLabel>(page, "chordsError")->isHidden());
        QCOMPARE(server.orchestrator->session().generation().generatedCount(), quint64(0));
    }

    void formOffersTheCoresStylesAndTheMeters()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator);
        auto *style = child<QComboBox>(page, "style");
        QStringList offered;
        for (int i = 0; i < style->count(); ++i)
            offered.append(style->itemData(i).toString());
        QCOMPARE(offered, server.orchestrator->session().generation().styles().names());
        QCOMPARE(style->currentData().toString(), server.orchestrator->session().generation().defaultStyle());
        auto *meter = child<QComboBox>(page, "meter");
        for (const QString &choice : TryItPage::meterChoices())
            QVERIFY2(meter->findText(choice) >= 0, qPrintable(choice));
        // A style brings its tempo: the 6/8 ballad is slow.
        style->setCurrentIndex(style->findData(QStringLiteral("ballad_68")));
        QCOMPARE(child<QSpinBox>(page, "tempo")->value(), 60);
        QCOMPARE(meter->currentText(), QStringLiteral("6/8"));
    }
    // Every control of the form reaches the generate body, and the API's parser reads it into
    // the arrangement the engine plays.
    void everyControlReachesTheRequest()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator, NoteNaming::Letters);

        // Left alone, the optional fields are the API's defaults: not sent.
        QJsonObject body = page.requestBody();
        QJsonObject progression = body.value(QStringLiteral("chord_progression")).toObject();
        QCOMPARE(progression.value(QStringLiteral("chords")).toString(), QStringLiteral("C Am F G"));
        for (const char *absent : {"key", "bars", "duration"})
            QVERIFY2(!progression.contains(QLatin1String(absent)), absent);
        for (const char *absent : {"swing", "seed"})
            QVERIFY2(!body.contains(QLatin1String(absent)), absent);
        QCOMPARE(body.value(QStringLiteral("track_types")).toArray(), (QJsonArray{"bass", "drums", "keys"}));
        Result<GenerateRequest> request = page.buildRequest();
        QVERIFY(request.ok());
        QVERIFY(request->keyGuessed);
        QCOMPARE(request->arrangement.durationBeats, 16.0);   // the four bars as written

        choose(child<QComboBox>(page, "key"), QStringLiteral("Bb"));
        choose(child<QComboBox>(page, "lengthUnit"), static_cast<int>(SongLength::Bars));
        child<QSpinBox>(page, "lengthCount")->setValue(6);
        child<QCheckBox>(page, "styleSwing")->setChecked(false);
        child<QSlider>(page, "swing")->setValue(80);
        child<QSlider>(page, "intensity")->setValue(90);
        child<QSlider>(page, "complexity")->setValue(20);
        child<QSlider>(page, "humanize")->setValue(0);
        child<QSpinBox>(page, "countIn")->setValue(2);
        child<QSpinBox>(page, "intro")->setValue(1);
        child<QCheckBox>(page, "fills")->setChecked(false);
        child<QCheckBox>(page, "ending")->setChecked(true);
        tickOnly(page, {QStringLiteral("bass"), QStringLiteral("guitar"), QStringLiteral("full")});
        child<QLineEdit>(page, "seed")->setText(QStringLiteral("42"));

        body = page.requestBody();
        progression = body.value(QStringLiteral("chord_progression")).toObject();
        QCOMPARE(progression.value(QStringLiteral("key")).toString(), QStringLiteral("Bb"));
        QCOMPARE(progression.value(QStringLiteral("bars")).toInt(), 6);
        QCOMPARE(body.value(QStringLiteral("swing")).toDouble(), 0.8);
        QCOMPARE(body.value(QStringLiteral("seed")).toInteger(), 42);
        request = page.buildRequest();
        QVERIFY2(request.ok(), qPrintable(request ? QString() : request.error().message));
        const Arrangement &a = request->arrangement;
        QCOMPARE(a.key.name(), QStringLiteral("Bb"));
        QVERIFY(!request->keyGuessed);
        QCOMPARE(a.durationBeats, 24.0);
        QCOMPARE(a.feel.swingRatio, 0.7);   // swing 0.8 on the API's scale
        QCOMPARE(a.feel.intensity, 0.9);
        QCOMPARE(a.feel.complexity, 0.2);
        QCOMPARE(a.feel.humanize, 0.0);
        QCOMPARE(a.feel.countInBars, 2);
        QCOMPARE(a.feel.introBars, 1);
        QCOMPARE(a.feel.fills, false);
        QCOMPARE(a.feel.ending, true);
        QCOMPARE(partNames(a.parts), (QStringList{"bass", "guitar", "full"}));   // in the form's order
        QCOMPARE(a.seed, 42u);

        // Choruses are times through the progression: three of these four bars.
        choose(child<QComboBox>(page, "lengthUnit"), static_cast<int>(SongLength::Choruses));
        child<QSpinBox>(page, "lengthCount")->setValue(3);
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("C | Am F | G"));   // three bars
        request = page.buildRequest();
        QVERIFY(request.ok());
        QCOMPARE(request->arrangement.durationBeats, 36.0);
        // As written again: no length sent, the count spin box is off.
        choose(child<QComboBox>(page, "lengthUnit"), static_cast<int>(SongLength::AsWritten));
        QVERIFY(!child<QSpinBox>(page, "lengthCount")->isEnabled());
        QCOMPARE(page.buildRequest()->arrangement.durationBeats, 12.0);
        // The style's swing again: not sent, the style's ratio is played.
        child<QCheckBox>(page, "styleSwing")->setChecked(true);
        QVERIFY(!page.requestBody().contains(QStringLiteral("swing")));
        QVERIFY(!child<QSlider>(page, "swing")->isEnabled());
    }

    // The style's description is shown under it, and its swing on the swing slider.
    void aStyleShowsItsDescriptionAndSwing()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator, NoteNaming::Letters);
        choose(child<QComboBox>(page, "style"), QStringLiteral("jazz_swing"));
        const Style *jazz = server.orchestrator->session().styles().find(QStringLiteral("jazz_swing"));
        QVERIFY(jazz && !jazz->description.isEmpty());
        QCOMPARE(child<QLabel>(page, "styleDescription")->text(), jazz->description);
        QCOMPARE(child<QSlider>(page, "swing")->value(), static_cast<int>(std::lround((jazz->swingRatio - 0.5) * 400)));
        QVERIFY(child<QSlider>(page, "swing")->value() > 0);
        choose(child<QComboBox>(page, "style"), QStringLiteral("rock"));
        QCOMPARE(child<QSlider>(page, "swing")->value(), 0);
    }

    // Bars, count-in and the ending reach the file: read back, the bass starts after the
    // count-in and the file is as long as asked.
    void lengthAndCountInReachTheFile()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator, NoteNaming::Letters);
        tickOnly(page, {QStringLiteral("bass")});
        child<QLineEdit>(page, "seed")->setText(QStringLiteral("7"));
        choose(child<QComboBox>(page, "lengthUnit"), static_cast<int>(SongLength::Bars));
        child<QSpinBox>(page, "lengthCount")->setValue(6);
        QVERIFY(generateOn(page));
        MidiSong song = songOf(page.resultFiles().first());
        QCOMPARE(song.endTick, qint64{6 * 4 * kTicksPerQuarter});

        child<QSpinBox>(page, "countIn")->setValue(2);
        QVERIFY(generateOn(page));
        song = songOf(page.resultFiles().first());
        QCOMPARE(song.endTick, qint64{(2 + 6) * 4 * kTicksPerQuarter});
        const auto first = std::min_element(song.parts.front().notes.cbegin(), song.parts.front().notes.cend(),
                                            [](const Note &a, const Note &b) { return a.startTick < b.startTick; });
        QVERIFY(first->startTick >= 2 * 4 * kTicksPerQuarter);
        QCOMPARE(child<QLabel>(page, "takeSummary")->text(), QStringLiteral("Key C · 6 bars · seed 7"));
    }

    // The key reaches the file's key signature and the take's summary. (The band's notes follow
    // the chords, not the key: the same chords and seed in another key play the same notes.)
    void keyReachesTheFile()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator, NoteNaming::Letters);
        tickOnly(page, {QStringLiteral("bass")});
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("Dm7 | G7 | Cmaj7 | Cmaj7"));
        child<QLineEdit>(page, "seed")->setText(QStringLiteral("11"));
        choose(child<QComboBox>(page, "key"), QStringLiteral("C"));
        QVERIFY(generateOn(page));
        const MidiSong inC = songOf(page.resultFiles().first());
        choose(child<QComboBox>(page, "key"), QStringLiteral("F#m"));
        QVERIFY(generateOn(page));
        const MidiSong inFSharpMinor = songOf(page.resultFiles().first());
        QCOMPARE(inC.key.name(), QStringLiteral("C"));
        QCOMPARE(inFSharpMinor.key.name(), QStringLiteral("F#m"));
        QCOMPARE(child<QLabel>(page, "takeSummary")->text(), QStringLiteral("Key F#m · 4 bars · seed 11"));
    }

    // The full band's file holds bass, drums and keys in one, besides the parts ticked.
    void fullBandAddsItsFile()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator, NoteNaming::Letters);
        tickOnly(page, {QStringLiteral("guitar"), QStringLiteral("full")});
        QVERIFY(generateOn(page));
        const QList<GeneratedFile> files = page.resultFiles();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files[0].trackType, QStringLiteral("guitar"));
        QCOMPARE(files[1].trackType, QStringLiteral("full"));
        const MidiSong full = songOf(files[1]);
        QStringList tracks;
        for (const MidiPart &part : full.parts)
            tracks.append(part.name);
        QCOMPARE(tracks, (QStringList{"Bass", "Drums", "Keys"}));
        QVERIFY(page.findChild<PianoRollView *>(QStringLiteral("preview_full")));
        // The audition plays the guitar and the full band's file: its parts are in that file.
        QStringList heard = page.audition()->player()->fileNames();
        heard.sort();
        QStringList generated{files[0].file.name, files[1].file.name};
        generated.sort();
        QCOMPARE(heard, generated);
    }

    // New take: the same settings, a new seed and other notes. Generate keeps the take's seed,
    // so it plays the same take again (byte for byte).
    void newTakeDrawsANewSeedAndGenerateKeepsIt()
    {
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator, NoteNaming::Letters);
        tickOnly(page, {QStringLiteral("bass"), QStringLiteral("drums")});
        auto *seed = child<QLineEdit>(page, "seed");
        QVERIFY(seed->text().isEmpty());   // the first take's seed is random
        QVERIFY(generateOn(page));
        const quint32 first = page.take()->seed();
        QCOMPARE(seed->text(), QString::number(first));
        const QByteArray firstDrums = fileBytes(page.resultFiles()[1]);

        QVERIFY(generateOn(page, "newTake"));
        const quint32 second = page.take()->seed();
        QVERIFY(second != first);
        QCOMPARE(seed->text(), QString::number(second));
        const QByteArray secondDrums = fileBytes(page.resultFiles()[1]);
        QVERIFY(songOf(page.resultFiles()[1]).parts.front().notes != MidiSong(*readMidiFile(firstDrums)).parts.front().notes);
        QCOMPARE(page.requestBody().value(QStringLiteral("track_types")).toArray(), (QJsonArray{"bass", "drums"}));

        QVERIFY(generateOn(page));
        QCOMPARE(page.take()->seed(), second);
        QCOMPARE(fileBytes(page.resultFiles()[1]), secondDrums);
        // An emptied seed box is random again.
        seed->clear();
        QVERIFY(!page.requestBody().contains(QStringLiteral("seed")));
    }

    // Chords typed in the note names of the interface's language reach the API in letters,
    // and the take's key and the key list are shown in those names.
    void chordsInGermanAndSpanishNoteNames()
    {
        TestServer server;
        QVERIFY(server.start());
        {
            TryItPage german(*server.orchestrator, NoteNaming::German);
            child<QLineEdit>(german, "chords")->setText(QStringLiteral("H7 | B | Es | Hm7"));
            QCOMPARE(german.requestBody()[QStringLiteral("chord_progression")][QStringLiteral("chords")].toString(),
                     QStringLiteral("B7 | Bb | Eb | Bm7"));
            const Result<GenerateRequest> request = german.buildRequest();
            QVERIFY(request.ok());
            QCOMPARE(request->arrangement.chords[1].chord.rootName, QStringLiteral("Bb"));
            auto *key = child<QComboBox>(german, "key");
            QCOMPARE(key->itemText(key->findData(QStringLiteral("B"))), QStringLiteral("H major"));
            QCOMPARE(key->itemText(key->findData(QStringLiteral("Bb"))), QStringLiteral("B major"));
            QCOMPARE(key->itemText(key->findData(QStringLiteral("Bbm"))), QStringLiteral("B minor"));
        }
        TryItPage spanish(*server.orchestrator, NoteNaming::Solfege);
        QCOMPARE(child<QLineEdit>(spanish, "chords")->text(), QStringLiteral("Do Lam Fa Sol"));
        child<QLineEdit>(spanish, "chords")->setText(QStringLiteral("Do Re- Mi | Sib7"));
        QCOMPARE(spanish.requestBody()[QStringLiteral("chord_progression")][QStringLiteral("chords")].toString(),
                 QStringLiteral("C D- E | Bb7"));
        auto *key = child<QComboBox>(spanish, "key");
        QCOMPARE(key->itemText(key->findData(QStringLiteral("F#m"))), QStringLiteral("Fa# minor"));
        choose(key, QStringLiteral("Bb"));
        tickOnly(spanish, {QStringLiteral("bass")});
        child<QLineEdit>(spanish, "seed")->setText(QStringLiteral("3"));
        QVERIFY(generateOn(spanish));
        QCOMPARE(child<QLabel>(spanish, "takeSummary")->text(), QStringLiteral("Key Sib · 2 bars · seed 3"));
        // A Spanish chord the parser cannot read is named as it was typed.
        child<QLineEdit>(spanish, "chords")->setText(QStringLiteral("Do Solxq"));
        QVERIFY(!generateOn(spanish));
        QCOMPARE(child<QLabel>(spanish, "chordsError")->text(), QStringLiteral("Chord 2 (bar 2) cannot be read: “Solxq”."));
    }

    // The errors the form can meet, each beside its control and in the window's words (the
    // API's stay in the tooltip); the table's patterns are checked against the real parser.
    void errorsAreToldBesideTheirControl_data()
    {
        QTest::addColumn<QString>("chords");
        QTest::addColumn<int>("choruses");
        QTest::addColumn<QString>("seed");
        QTest::addColumn<QString>("control");
        QTest::addColumn<QString>("text");
        QTest::newRow("unreadable chord") << "C | Am Hx" << 0 << "" << "chords" << "Chord 3 (bar 2) cannot be read: “Hx”.";
        QTest::newRow("empty bar") << "C | | G" << 0 << "" << "chords" << "Bar 2 is empty; write N.C. for a bar without chords.";
        QTest::newRow("nothing to repeat") << "% | C" << 0 << "" << "chords" << "% repeats the bar before it, and the first bar has none.";
        QTest::newRow("no chords") << "  " << 0 << "" << "chords" << "Type the chords first, e.g. C Am F G.";
        QTest::newRow("too many chords") << QString("C ").repeated(1025) << 0 << "" << "chords" << "At most 1024 chords per take.";
        QTest::newRow("too long") << "C | % | % | %" << 300 << "" << "length"
                                  << "That many choruses make the song longer than one take may be; choose fewer.";
        QTest::newRow("seed too big") << "C" << 0 << "4294967296" << "seed"
                                      << "The seed is a whole number from 0 to 4294967295; leave it empty for a random one.";
    }
    void errorsAreToldBesideTheirControl()
    {
        QFETCH(QString, chords);
        QFETCH(int, choruses);
        QFETCH(QString, seed);
        QFETCH(QString, control);
        QFETCH(QString, text);
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator, NoteNaming::Letters);
        child<QLineEdit>(page, "chords")->setText(chords);
        if (choruses > 0) {
            choose(child<QComboBox>(page, "lengthUnit"), static_cast<int>(SongLength::Choruses));
            child<QSpinBox>(page, "lengthCount")->setValue(choruses);
        }
        child<QLineEdit>(page, "seed")->setText(seed);
        const Result<GenerateRequest> request = page.buildRequest();
        QVERIFY(!request.ok());
        QVERIFY(!generateOn(page));
        auto *label = child<QLabel>(page, qPrintable(control + QStringLiteral("Error")));
        QVERIFY(!label->isHidden());
        QCOMPARE(label->text(), text);
        QCOMPARE(label->toolTip(), request.error().message);
        QCOMPARE(TryItErrorText::control(request.error()), control);
        QCOMPARE(server.orchestrator->session().generation().generatedCount(), quint64(0));
    }

    // Refusals of a generation have their own sentences; an error the window does not know
    // keeps the API's English words rather than saying nothing.
    void refusalsAndUnknownErrors()
    {
        for (const char *code : {"busy", "rate_limited", "insufficient_storage", "write_failed", "timeout", "shutting_down"}) {
            const Error error = makeError(QString::fromLatin1(code), QStringLiteral("english"));
            QVERIFY2(TryItErrorText::text(error, NoteNaming::Letters) != error.message, code);
            QCOMPARE(TryItErrorText::control(error), QString());
        }
        const Error unknown = makeError(QStringLiteral("invalid_field"), QStringLiteral("intensity must be a number"),
                                        QStringLiteral("intensity"));
        QCOMPARE(TryItErrorText::text(unknown, NoteNaming::Letters), unknown.message);
    }

    // In German: the controls, the style's description, and the errors, which keep the last
    // good take on screen, marked as the previous one, whether the form is wrong or the
    // generation fails.
    void germanErrorsKeepThePreviousTake()
    {
        QCOMPARE(LanguageLoader::install(QStringLiteral("de")), QStringLiteral("de"));
        TestServer server;
        QVERIFY(server.start());
        TryItPage page(*server.orchestrator);   // the naming of the interface's language
        page.show();
        choose(child<QComboBox>(page, "style"), QStringLiteral("waltz"));
        QCOMPARE(child<QLabel>(page, "styleDescription")->text(),
                 QStringLiteral("Humtata: Bass und Kick auf 1, Cross-Stick und Akkorde auf 2 und 3."));
        QCOMPARE(child<QPushButton>(page, "newTake")->text(), QStringLiteral("&Neuer Take"));
        // Every built-in style's description has its German words.
        const StyleLibrary &styles = server.orchestrator->session().styles();
        for (const QString &name : styles.names()) {
            const QString english = styles.find(name)->description;
            QVERIFY2(!english.isEmpty() && styleDescription(styles, name) != english, qPrintable(name));
        }
        tickOnly(page, {QStringLiteral("bass")});
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("C | H7 | Em"));
        QVERIFY(generateOn(page));
        TryItTake *take = page.take();
        QVERIFY(take && !take->isPrevious());
        const QString bassFile = page.resultFiles().first().file.path;
        QCOMPARE(child<PianoRollView>(page, "preview_bass")->filePath(), bassFile);

        // A wrong form: the German sentence beside the chords, the take stays, marked.
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("C | Hxq"));
        QVERIFY(!generateOn(page));
        auto *error = child<QLabel>(page, "chordsError");
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(), QStringLiteral("Akkord 2 (Takt 2) ist nicht lesbar: „Hxq“."));
        QCOMPARE(page.take(), take);
        QVERIFY(take->isPrevious());
        QVERIFY(!child<QLabel>(page, "previousTake")->isHidden());
        QCOMPARE(child<PianoRollView>(page, "preview_bass")->filePath(), bassFile);
        QCOMPARE(page.resultFiles().first().file.path, bassFile);

        // A generation that fails: chords the bass has nothing to play in.
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("N.C. | N.C."));
        QVERIFY(error->isHidden());   // the typing fixed the form's error
        QVERIFY(!generateOn(page));
        QCOMPARE(error->text(), QStringLiteral("Diese Akkorde geben den gewählten Stimmen nichts zu spielen: "
                                               "jeder Akkord ist N.C. oder zu kurz für eine Note."));
        QCOMPARE(page.take(), take);
        QCOMPARE(child<PianoRollView>(page, "preview_bass")->filePath(), bassFile);

        // The next good take replaces it, unmarked.
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("B | Es"));
        QVERIFY(generateOn(page));
        QVERIFY(page.take() != take);
        QVERIFY(!page.take()->isPrevious());
        QCOMPARE(page.buildRequest()->arrangement.chords[0].chord.rootName, QStringLiteral("Bb"));
    }


    // The form fits the window's Try it tab (860 wide less its frame) in every language without
    // cutting a text: the controls' texts do not wrap, so the layout's minimum holds them whole.
    void formFitsTheWindowInEveryLanguage()
    {
        TestServer server;
        QVERIFY(server.start());
        for (const QString &language : LanguageLoader::available()) {
            QCOMPARE(LanguageLoader::install(language), language);
            TryItPage page(*server.orchestrator);
            const int width = page.minimumSizeHint().width();
            QVERIFY2(width > 300 && width <= 820, qPrintable(language + QLatin1Char(' ') + QString::number(width)));
        }
    }

    void cleanup() { LanguageLoader::install(QStringLiteral("en")); }
};

QTEST_MAIN(TestTryItPage)
#include "tst_try_it_page.moc"
