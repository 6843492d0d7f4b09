// The Try-it panel against a real core on port 0: a generation from the form, its files on
// disk and in the Files tab, the bass part read back with the core's MIDI reader, and the
// parser's errors shown inline with nothing generated.

#include "FilesTableModel.h"
#include "PianoRollView.h"
#include "TestServer.h"
#include "TryItPage.h"
#include "music/ChordSheet.h"
#include "music/MidiReader.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
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
        QCOMPARE(error->text(), parsed.error().message);
        QVERIFY(child<QPushButton>(page, "generate")->isEnabled());
        QVERIFY(page.resultFiles().isEmpty());
        QCOMPARE(server.orchestrator->session().generation().generatedCount(), quint64(0));
        QVERIFY(midiFilesIn(server.filesDir()).isEmpty());

        // Fixing the chords clears the error as you type.
        child<QLineEdit>(page, "chords")->setText(QStringLiteral("C Am7 F"));
        QVERIFY(error->isHidden());

        // An empty sheet gets the parser's own words too.
        child<QLineEdit>(page, "chords")->clear();
        child<QPushButton>(page, "generate")->click();
        QVERIFY(!error->isHidden());
        QCOMPARE(error->text(), parseChordSheet(QString(), 4.0).error().message);
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
        QCOMPARE(child<QLabel>(page, "status")->text(), QStringLiteral("Choose at least one part."));
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
};

QTEST_MAIN(TestTryItPage)
#include "tst_try_it_page.moc"
