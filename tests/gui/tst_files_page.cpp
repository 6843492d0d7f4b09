// The Files tab against a real core on port 0: the model's rows and columns after real
// generations, rows following deletes made here, over HTTP and outside the app, what a drag
// carries, the preview following the selection, and the piano roll's messages.

#include "DesktopOpener.h"
#include "FileNameFields.h"
#include "FilesPage.h"
#include "FilesTableModel.h"
#include "LanguageLoader.h"
#include "MidiDragData.h"
#include "ModelCell.h"
#include "OnScreen.h"
#include "PianoRollLayout.h"
#include "PianoRollView.h"
#include "TakeTitle.h"
#include "TestServer.h"
#include "music/MidiReader.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTimer>

#include <optional>

using namespace aiband;
using namespace aiband::test;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Generates over HTTP, as a plugin would; returns the file names, in the reply's order.
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

const QByteArray kBassAndDrums = R"({"chord_progression": {"chords": "F#m D A E", "key": "F#m", "tempo": 96},
                                     "style": "rock", "track_types": ["bass", "drums"], "plugin_id": "daw-1", "seed": 7})";

// Answers the next message box with `button` once it is open (QMessageBox::question blocks),
// keeping its text in `text` when given.
void answerNextMessageBox(QMessageBox::StandardButton button, bool *answered, QString *text = nullptr)
{
    QTimer::singleShot(10, qApp, [button, answered, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) {
            answerNextMessageBox(button, answered, text);
            return;
        }
        *answered = true;
        if (text)
            *text = box->text();
        box->button(button)->click();
    });
}

// Dates the files back, as if generated `seconds` ago.
bool age(const QString &folder, const QStringList &names, int seconds)
{
    for (const QString &name : names) {
        QFile file(folder + QLatin1Char('/') + name);
        if (!file.open(QIODevice::ReadWrite)
            || !file.setFileTime(QDateTime::currentDateTime().addSecs(-seconds), QFileDevice::FileModificationTime))
            return false;
    }
    return true;
}

// The row the view shows a file on (the page sorts), -1 when not listed.
int shownRow(const FilesPage &page, const QString &name)
{
    const QAbstractItemModel *shown = page.view()->model();
    for (int row = 0; row < shown->rowCount(); ++row) {
        if (shown->index(row, 0).data(FilesTableModel::FileNameRole).toString() == name)
            return row;
    }
    return -1;
}

} // namespace

class TestFilesPage : public QObject {
    Q_OBJECT

private slots:
    void cleanup() { LanguageLoader::install(QStringLiteral("en")); }   // after a test in German, even a failed one

    void fileNamesGiveTrackKeyAndTempo()
    {
        const auto sharp = parseFileNameFields(QStringLiteral("20261124-120001-123_bass_Fsm_96_1a2b3c.mid"));
        QVERIFY(sharp);
        QCOMPARE(sharp->track, QStringLiteral("bass"));
        QCOMPARE(sharp->key, QStringLiteral("F#m"));
        QCOMPARE(sharp->tempoBpm, 96);
        const auto flat = parseFileNameFields(QStringLiteral("20261124-120001-123_keys_Bb_120_abcdef.mid"));
        QVERIFY(flat);
        QCOMPARE(flat->key, QStringLiteral("Bb"));
        QCOMPARE(flat->track, QStringLiteral("keys"));
        QVERIFY(!parseFileNameFields(QStringLiteral("song.mid")));
        QVERIFY(!parseFileNameFields(QStringLiteral("../20261124-120001-123_bass_C_96_1a2b3c.mid")));
    }

    void rowsAndColumnsAfterARealGeneration()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesTableModel model(*server.orchestrator);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 9);
        QCOMPARE(model.headerData(FilesTableModel::Track, Qt::Horizontal).toString(), QStringLiteral("Track"));
        QCOMPARE(model.headerData(FilesTableModel::Size, Qt::Horizontal).toString(), QStringLiteral("Size"));
        QCOMPARE(model.headerData(FilesTableModel::Tempo, Qt::Horizontal).toString(), QStringLiteral("Tempo (BPM)"));

        const QStringList names = generate(server, kBassAndDrums);
        QCOMPARE(names.size(), 2);
        // The announcement (filesGenerated, emitted before the reply is sent) adds the rows:
        // they are there when the reply is, without waiting for the folder watcher.
        QCOMPARE(model.rowCount(), 2);
        for (const QString &name : names) {
            const int row = model.rowOf(name);
            QVERIFY2(row >= 0, qPrintable(name));
            const QString path = server.filesDir() + QLatin1Char('/') + name;
            QCOMPARE(cell(model, row, FilesTableModel::Track), name.contains(QLatin1String("_bass_")) ? QStringLiteral("Bass")
                                                                                                     : QStringLiteral("Drums"));
            QCOMPARE(cell(model, row, FilesTableModel::Key), QStringLiteral("F#m"));
            QCOMPARE(cell(model, row, FilesTableModel::Tempo), QStringLiteral("96"));
            QCOMPARE(model.index(row, FilesTableModel::Tempo).data(FilesTableModel::SortRole).toInt(), 96);
            QCOMPARE(cell(model, row, FilesTableModel::Style), QStringLiteral("Rock"));   // the style's title
            QCOMPARE(model.index(row, FilesTableModel::Style).data(FilesTableModel::SortRole).toString(), QStringLiteral("rock"));
            QCOMPARE(cell(model, row, FilesTableModel::Plugin), QStringLiteral("daw-1"));
            QCOMPARE(cell(model, row, FilesTableModel::Age), QStringLiteral("just now"));
            QCOMPARE(cell(model, row, FilesTableModel::Size), QLocale().formattedDataSize(QFileInfo(path).size()));
            QCOMPARE(model.index(row, FilesTableModel::Size).data(FilesTableModel::SortRole).toLongLong(), QFileInfo(path).size());
            QCOMPARE(cell(model, row, 0, FilesTableModel::FilePathRole), QFileInfo(path).absoluteFilePath());
            QVERIFY(model.flags(model.index(row, 0)) & Qt::ItemIsDragEnabled);
        }

        // A file from before this run (copied in, as after a restart) has no style or plugin yet.
        const QString older = QStringLiteral("20200101-000000-000_keys_Bb_140_abcdef.mid");
        {
            // Written an hour ago (the store orders by modification time; older than a day,
            // cleanup would take it), and moved in whole, as a file manager does.
            const QString aside = server.filesDir() + QStringLiteral("/../") + older;
            QVERIFY(QFile::copy(server.filesDir() + QLatin1Char('/') + names.first(), aside));
            QFile copy(aside);
            QVERIFY(copy.open(QIODevice::ReadWrite));
            QVERIFY(copy.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-3600), QFileDevice::FileModificationTime));
            copy.close();
            QVERIFY(QFile::rename(aside, server.filesDir() + QLatin1Char('/') + older));
        }
        QTRY_COMPARE(model.rowCount(), 3);
        const int row = model.rowOf(older);
        QCOMPARE(row, 2);   // the store's order: newest first
        QCOMPARE(cell(model, row, FilesTableModel::Key), QStringLiteral("Bb"));
        QCOMPARE(cell(model, row, FilesTableModel::Tempo), QStringLiteral("140"));
        QCOMPARE(cell(model, row, FilesTableModel::Style), QString());
        QCOMPARE(cell(model, row, FilesTableModel::Plugin), QString());
    }

    void chordsAndBarsOfTakesAndOfFilesWithoutASidecar()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesTableModel model(*server.orchestrator);
        QCOMPARE(model.headerData(FilesTableModel::Chords, Qt::Horizontal).toString(), QStringLiteral("Chords"));
        QCOMPARE(model.headerData(FilesTableModel::Bars, Qt::Horizontal).toString(), QStringLiteral("Bars"));

        // Eight chords through twice in 12 bars, after a count-in: the column shows the first
        // six as written (a held chord once), the tooltip all of them, Bars the length asked.
        const QStringList names = generate(server, R"({"chord_progression": {"chords": "[Verse] Dm7 G7 | Cmaj7 | % | A7 | [Bridge] Em7 | A7 | Dm7 | G7 | C6 | Fmaj7", "tempo": 130, "bars": 12},
                                                      "style": "bossa_nova", "track_types": ["keys"], "count_in": 1, "seed": 3})");
        QCOMPARE(names.size(), 1);
        const int row = model.rowOf(names.first());
        QVERIFY(row >= 0);
        QCOMPARE(cell(model, row, FilesTableModel::Chords), QStringLiteral("Dm7 G7 Cmaj7 A7 Em7 A7 …"));
        QCOMPARE(model.index(row, FilesTableModel::Chords).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Chords:\nDm7 G7 Cmaj7 A7 Em7 A7 Dm7 G7 C6 Fmaj7"));
        QCOMPARE(cell(model, row, FilesTableModel::Bars), QStringLiteral("12"));
        QCOMPARE(model.index(row, FilesTableModel::Bars).data(FilesTableModel::SortRole).toDouble(), 12.0);
        QCOMPARE(model.index(row, FilesTableModel::Chords).data(FilesTableModel::SortRole).toString(),
                 QStringLiteral("Dm7 G7 Cmaj7 A7 Em7 A7 Dm7 G7 C6 Fmaj7"));
        QCOMPARE(takeTitle(server.orchestrator->session().styles(), names.first(),
                           server.orchestrator->session().files().readMetadata(names.first())),
                 QStringLiteral("Bossa nova · Dm7–G7–Cmaj7–A7–… · Keys"));
        QCOMPARE(takeTitle(server.orchestrator->session().styles(), QStringLiteral("song.mid"), std::nullopt),
                 QStringLiteral("song.mid"));

        // The same notes without their sidecar (a file dropped in): chords read from the notes,
        // bars from the file's length (a count-in bar and twelve).
        const QString copied = QStringLiteral("20200101-000000-000_keys_C_130_abcdef.mid");
        {
            const QString aside = server.filesDir() + QStringLiteral("/../") + copied;
            QVERIFY(QFile::copy(server.filesDir() + QLatin1Char('/') + names.first(), aside));
            QVERIFY(QFile::rename(aside, server.filesDir() + QLatin1Char('/') + copied));
        }
        QTRY_VERIFY(model.rowOf(copied) >= 0);
        const int dropped = model.rowOf(copied);
        QCOMPARE(cell(model, dropped, FilesTableModel::Bars), QStringLiteral("13"));
        // The keys' voicings put other notes in the bass (Dm7/C), but the chords are the sheet's.
        const QStringList detected = cell(model, dropped, FilesTableModel::Chords).split(QLatin1Char(' '));
        QVERIFY2(detected.size() == 7 && detected.last() == QStringLiteral("…"), qPrintable(detected.join(QLatin1Char(' '))));
        QVERIFY2(detected[0].startsWith(QStringLiteral("Dm7")) && detected[1].startsWith(QLatin1Char('G'))
                     && detected[2].startsWith(QStringLiteral("Cmaj7")) && detected[3] == QStringLiteral("A7"),
                 qPrintable(detected.join(QLatin1Char(' '))));
        QVERIFY(model.index(dropped, FilesTableModel::Chords).data(Qt::ToolTipRole).toString()
                    .startsWith(QStringLiteral("Chords read from the notes:\n")));
    }

    // A German musician reads B for B flat and H for B natural: the Chords column and the take's
    // title speak the window's note names; sorting keeps the API's letters.
    void chordsAreShownInTheWindowsNoteNames()
    {
        TestServer server;
        QVERIFY(server.start());
        QCOMPARE(LanguageLoader::install(QStringLiteral("de")), QStringLiteral("de"));
        FilesTableModel model(*server.orchestrator);
        const QStringList names = generate(server, R"({"chord_progression": "Bb7 | Ebmaj7 | B7 | Bb7", "style": "pop",
                                                      "track_types": ["bass"], "seed": 1})");
        QCOMPARE(names.size(), 1);
        QTRY_VERIFY(model.rowOf(names.first()) >= 0);
        const int row = model.rowOf(names.first());
        QCOMPARE(cell(model, row, FilesTableModel::Chords), QStringLiteral("B7 Ebmaj7 H7 B7"));
        QCOMPARE(model.index(row, FilesTableModel::Chords).data(FilesTableModel::SortRole).toString(),
                 QStringLiteral("Bb7 Ebmaj7 B7 Bb7"));
        QCOMPARE(takeTitle(server.orchestrator->session().styles(), names.first(),
                           server.orchestrator->session().files().readMetadata(names.first())),
                 QStringLiteral("Pop · B7–Ebmaj7–H7–B7 · Bass"));
    }

    void previewChartsTheTakesChordsAndSections()
    {
        TestServer server;
        QVERIFY(server.start());
        const QStringList names = generate(server, R"({"chord_progression": {"chords": "[A] C | Am | [B] F | G", "tempo": 120, "bars": 4},
                                                      "style": "pop", "track_types": ["full"], "count_in": 1, "ending": true, "seed": 5})");
        QCOMPARE(names.size(), 1);
        PianoRollView view;
        view.resize(800, 500);
        view.setFile(server.filesDir() + QLatin1Char('/') + names.first());
        QVERIFY2(view.message().isEmpty(), qPrintable(view.message()));
        const ChordTimeline &chords = view.chords();
        QVERIFY(!chords.detected);
        QStringList symbols;
        QList<double> starts;
        for (const TimedChord &chord : chords.chords) {
            symbols.append(chord.symbol);
            starts.append(chord.startBeat);
        }
        // After the count-in bar; the ending bar plays the last chord again.
        QCOMPARE(symbols, (QStringList{QStringLiteral("C"), QStringLiteral("Am"), QStringLiteral("F"), QStringLiteral("G"), QStringLiteral("G")}));
        QCOMPARE(starts, (QList<double>{4, 8, 12, 16, 20}));
        QStringList sections;
        for (const TimedSection &section : chords.sections)
            sections.append(sectionTitle(section));
        QCOMPARE(sections, (QStringList{QStringLiteral("Count-in"), QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("Ending")}));
        // Strips for sections, chords and bar numbers above the notes; the full band's drums
        // in their own lanes.
        QCOMPARE(view.noteArea().top(), 18.0 + 18.0 + 16.0);
        const PianoRollLayout layout(view.song(), view.noteArea(), chords);
        QVERIFY(layout.hasPitchedNotes());
        QVERIFY(layout.drumRows().size() >= 3);
        QCOMPARE(layout.drumLaneHeight(), PianoRollLayout::kDrumLaneHeight);
        QCOMPARE(layout.chordLabels().first().bar, 2);
    }

    void rowsGoWhenFilesAreDeleted()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesTableModel model(*server.orchestrator);
        QStringList names = generate(server, kBassAndDrums);
        names += generate(server, kBassAndDrums);
        QTRY_COMPARE(model.rowCount(), 4);

        // Through the model (the Delete button): the disk work on a worker, so the answer comes
        // from the event loop later; then the row is gone, and the file.
        std::optional<QList<Error>> errors;
        model.removeFiles({names[0]}, [&](const QList<Error> &answer) { errors = answer; });
        QVERIFY(!errors.has_value());
        QCOMPARE(server.orchestrator->session().deletesPending(), 1);   // what a stop waits for
        // Until the answer its row is greyed and cannot be chosen, and Delete pressed again
        // (the same file, and one more) asks only for the one more: the second answer had
        // "no file named" for the file the first was removing.
        QCOMPARE(model.flags(model.index(model.rowOf(names[0]), FilesTableModel::Track)) & Qt::ItemIsEnabled, Qt::NoItemFlags);
        QVERIFY(model.flags(model.index(model.rowOf(names[1]), FilesTableModel::Track)) & Qt::ItemIsSelectable);
        std::optional<QList<Error>> again;
        model.removeFiles({names[0], names[1]}, [&](const QList<Error> &answer) { again = answer; });
        QCOMPARE(server.orchestrator->session().deletesPending(), 2);
        QTRY_VERIFY(errors.has_value() && again.has_value());
        QVERIFY(errors->isEmpty());
        QVERIFY2(again->isEmpty(), qPrintable(again->isEmpty() ? QString() : again->first().message));
        QCOMPARE(server.orchestrator->session().deletesPending(), 0);
        // Once answered, a file is asked of the session again, which says it is gone.
        std::optional<QList<Error>> third;
        model.removeFiles({names[0]}, [&](const QList<Error> &answer) { third = answer; });
        QTRY_VERIFY(third.has_value());
        QCOMPARE(third->size(), 1);   // gone by now: the session says so
        names.removeAt(1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(names[0]), -1);
        QVERIFY(!QFile::exists(server.filesDir() + QLatin1Char('/') + names[0]));
        // A name the store never wrote is refused with the error HTTP gives (one delete action).
        errors.reset();
        model.removeFiles({QStringLiteral("../../etc/passwd")}, [&](const QList<Error> &answer) { errors = answer; });
        QTRY_VERIFY(errors.has_value());
        QCOMPARE(errors->size(), 1);
        QCOMPARE(errors->first().code, QStringLiteral("invalid_filename"));

        // By a plugin over HTTP, and by a file manager: the folder watcher catches both.
        QCOMPARE(server.send("DELETE", QStringLiteral("/api/files/") + names[1]).status, 200);
        QTRY_COMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(names[1]), -1);
        QCOMPARE(model.fileAt(0).name, names[2]);
        QVERIFY(QFile::remove(server.filesDir() + QLatin1Char('/') + names[2]));
        QTRY_COMPARE(model.rowCount(), 0);
    }

    void dragsCarryTheFiles()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesTableModel model(*server.orchestrator);
        generate(server, kBassAndDrums);
        QTRY_COMPARE(model.rowCount(), 2);
        QCOMPARE(model.supportedDragActions(), Qt::CopyAction);
        QVERIFY(model.mimeTypes().contains(QStringLiteral("text/uri-list")));

        // One row, every column selected (as a view passes it): one URL and the file's bytes.
        QModelIndexList row0;
        for (int column = 0; column < model.columnCount(); ++column)
            row0.append(model.index(0, column));
        std::unique_ptr<QMimeData> single(model.mimeData(row0));
        QVERIFY(single);
        QCOMPARE(single->urls(), (QList<QUrl>{QUrl::fromLocalFile(model.fileAt(0).path)}));
        QVERIFY(single->urls().first().isLocalFile());
        const QByteArray bytes = single->data(QStringLiteral("audio/midi"));
        QCOMPARE(bytes, readAll(model.fileAt(0).path));
        QVERIFY(readMidiFile(bytes).ok());

        // Both parts: two URLs in row order, no inline bytes.
        std::unique_ptr<QMimeData> both(model.mimeData({model.index(1, 2), model.index(0, 0), model.index(1, 0)}));
        QCOMPARE(both->urls(), (QList<QUrl>{QUrl::fromLocalFile(model.fileAt(0).path), QUrl::fromLocalFile(model.fileAt(1).path)}));
        QVERIFY(!both->hasFormat(QStringLiteral("audio/midi")));

        QVERIFY(!model.mimeData({}));
    }

    void pageSortsNewestFirstPreviewsAndDrags()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesPage page(*server.orchestrator);
        page.show();
        const QStringList first = generate(server, kBassAndDrums);
        const QStringList second = generate(server, kBassAndDrums);
        QTRY_COMPARE(page.model()->rowCount(), 4);

        QTableView *view = page.view();
        QVERIFY(view->dragEnabled());
        QCOMPARE(view->dragDropMode(), QAbstractItemView::DragOnly);
        QCOMPARE(view->defaultDropAction(), Qt::CopyAction);
        QAbstractItemModel *shown = view->model();
        QVERIFY(second.contains(shown->index(0, 0).data(FilesTableModel::FileNameRole).toString()));
        QVERIFY(second.contains(shown->index(1, 0).data(FilesTableModel::FileNameRole).toString()));
        QVERIFY(first.contains(shown->index(3, 0).data(FilesTableModel::FileNameRole).toString()));

        // Nothing selected: an invitation, no preview, Delete disabled.
        QCOMPARE(page.preview()->filePath(), QString());
        QVERIFY(!page.preview()->message().isEmpty());

        view->selectRow(2);
        const QString selectedPath = shown->index(2, 0).data(FilesTableModel::FilePathRole).toString();
        QCOMPARE(page.preview()->filePath(), selectedPath);
        QCOMPARE(page.preview()->message(), QString());
        QVERIFY(!page.preview()->song().parts.empty());
        QVERIFY(!page.preview()->song().parts.front().notes.empty());
        QCOMPARE(page.preview()->song().tempoBpm, 96.0);

        // The preview drags its own file.
        std::unique_ptr<QMimeData> fromPreview(page.preview()->dragData());
        QCOMPARE(fromPreview->urls(), (QList<QUrl>{QUrl::fromLocalFile(selectedPath)}));
        QCOMPARE(fromPreview->data(QStringLiteral("audio/midi")), readAll(selectedPath));

        // What the view hands to a drag of the whole selection: every selected file.
        view->selectAll();
        QCOMPARE(page.selectedFileNames().size(), 4);
        std::unique_ptr<QMimeData> all(shown->mimeData(view->selectionModel()->selectedIndexes()));
        QCOMPARE(all->urls().size(), 4);
    }

    void deleteAsksFirst()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesPage page(*server.orchestrator);
        page.show();
        const QStringList names = generate(server, kBassAndDrums);
        QTRY_COMPARE(page.model()->rowCount(), 2);
        page.view()->selectRow(0);
        const QString chosen = page.selectedFileNames().value(0);
        QVERIFY(names.contains(chosen));

        bool answered = false;
        answerNextMessageBox(QMessageBox::Cancel, &answered);
        page.deleteSelected();
        QVERIFY(answered);
        QCOMPARE(page.model()->rowCount(), 2);
        QVERIFY(QFile::exists(server.filesDir() + QLatin1Char('/') + chosen));

        answered = false;
        answerNextMessageBox(QMessageBox::Yes, &answered);
        page.deleteSelected();
        QVERIFY(answered);
        // Until the answer the row is not a choice any more: nothing selected to delete again.
        QVERIFY(page.selectedFileNames().isEmpty());
        QVERIFY(!page.findChild<QAction *>(QStringLiteral("deleteAction"))->isEnabled());
        QTRY_COMPARE(page.model()->rowCount(), 1);   // once the worker has deleted it
        QVERIFY(!QFile::exists(server.filesDir() + QLatin1Char('/') + chosen));
        QCOMPARE(page.model()->rowOf(chosen), -1);
        // The deleted file's preview went with it.
        QVERIFY(page.preview()->filePath() != server.filesDir() + QLatin1Char('/') + chosen);
    }

    void regenerateMakesANewPartWithANewSeed()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesPage page(*server.orchestrator);
        page.show();
        const QStringList names = generate(server, kBassAndDrums);
        QTRY_COMPARE(page.model()->rowCount(), 2);
        const int bassRow = page.model()->rowOf(names.filter(QStringLiteral("_bass_")).value(0));
        QVERIFY(bassRow >= 0);
        page.view()->selectRow(0);
        const QString chosen = page.selectedFileNames().value(0);
        QPushButton *regenerate = nullptr;
        for (QPushButton *candidate : page.findChildren<QPushButton *>())
            if (candidate->text() == QStringLiteral("&Regenerate"))
                regenerate = candidate;
        QVERIFY(regenerate);
        QVERIFY(regenerate->isEnabled());

        QSignalSpy finished(&page, &FilesPage::regenerationFinished);
        regenerate->click();
        QVERIFY(finished.wait(10000));
        const QStringList created = finished.first().at(0).toStringList();
        QCOMPARE(finished.first().at(1).toStringList(), QStringList());
        QCOMPARE(created.size(), 1);   // the chosen file's part only
        const QString track = chosen.contains(QLatin1String("_bass_")) ? QStringLiteral("_bass_") : QStringLiteral("_drums_");
        QVERIFY2(created.first().contains(track), qPrintable(created.first()));
        QVERIFY(created.first() != chosen);
        QTRY_COMPARE(page.model()->rowCount(), 3);   // the original stays
        QVERIFY(QFile::exists(server.filesDir() + QLatin1Char('/') + chosen));
        // Same arrangement, other seed: style and plugin carried over, other notes.
        const int row = page.model()->rowOf(created.first());
        QCOMPARE(cell(*page.model(), row, FilesTableModel::Style), QStringLiteral("Rock"));
        QCOMPARE(cell(*page.model(), row, FilesTableModel::Plugin), QStringLiteral("daw-1"));
        QVERIFY(readAll(server.filesDir() + QLatin1Char('/') + created.first())
                != readAll(server.filesDir() + QLatin1Char('/') + chosen));
    }

    void regenerateSelectsTheNewTakeAndShowsItsAgeWhole()
    {
        // Seen after Regenerate: the new file's "just now" was cut to "just n…" under files
        // shown as "10 min" (the column kept the width of those), and the selection stayed on
        // the original, so the preview showed the old take.
        TestServer server;
        QVERIFY(server.start());
        const QStringList names = generate(server, kBassAndDrums);
        QVERIFY(age(server.filesDir(), names, 600));
        // The store answers from its index: it sees the older times once it reads the folder again.
        QSignalSpy reread(server.orchestrator.get(), &Orchestrator::filesReread);
        server.orchestrator->rereadFiles();
        QVERIFY(reread.wait(10000));
        FilesPage page(*server.orchestrator);
        QVERIFY(showAt(page, QSize(900, 500)));
        QTRY_COMPARE(page.model()->rowCount(), 2);
        QCOMPARE(cell(*page.model(), 0, FilesTableModel::Age), QStringLiteral("10 min"));
        const QString chosen = names.filter(QStringLiteral("_bass_")).value(0);
        page.view()->selectRow(shownRow(page, chosen));
        QCOMPARE(page.selectedFileNames(), QStringList{chosen});

        QSignalSpy finished(&page, &FilesPage::regenerationFinished);
        page.regenerateSelected();
        QVERIFY(finished.wait(10000));
        const QStringList created = finished.first().at(0).toStringList();
        QCOMPARE(created.size(), 1);
        // The answer can come before the file is announced; the row is selected when it comes.
        QTRY_COMPARE(page.selectedFileNames(), created);
        QCOMPARE(page.preview()->filePath(), QFileInfo(server.filesDir() + QLatin1Char('/') + created.first()).absoluteFilePath());
        QCOMPARE(cell(*page.model(), page.model()->rowOf(created.first()), FilesTableModel::Age), QStringLiteral("just now"));
        QTRY_COMPARE(cutCell(*page.view()), QString());
    }

    void aStretchedColumnNeverCutsTheOthers()
    {
        // The Plugin column takes the width left over, but never less than its text, and a
        // narrow window scrolls instead of cutting any column.
        TestServer server;
        QVERIFY(server.start());
        FilesPage page(*server.orchestrator);
        QVERIFY(showAt(page, QSize(900, 500)));
        generate(server, kBassAndDrums);
        QTRY_COMPARE(page.model()->rowCount(), 2);
        QHeaderView *header = page.view()->horizontalHeader();
        QTRY_COMPARE(header->sectionPosition(FilesTableModel::Size) + header->sectionSize(FilesTableModel::Size),
                     page.view()->viewport()->width());
        QCOMPARE(cutCell(*page.view()), QString());
        page.resize(250, 500);
        QTRY_VERIFY(header->length() > page.view()->viewport()->width());
        QCOMPARE(cutCell(*page.view()), QString());
    }

    void openFolderWithoutAFileManagerSaysWhereTheFilesAre()
    {
        TestServer server;
        QVERIFY(server.start());
        FilesPage page(*server.orchestrator);
        QUrl asked;
        page.setDesktopOpener(DesktopOpener([&asked](const QUrl &url) {
            asked = url;
            return false;   // as QDesktopServices answers with no file manager installed
        }));
        bool answered = false;
        QString message;
        answerNextMessageBox(QMessageBox::Ok, &answered, &message);
        page.openFolder();
        QCOMPARE(asked, QUrl::fromLocalFile(server.filesDir()));
        QVERIFY(answered);
        QCOMPARE(message, QStringLiteral("No file manager answered, so the folder could not be shown. Open it yourself:\n")
                              + server.filesDir());

        // When the desktop opens it, nothing is said.
        page.setDesktopOpener(DesktopOpener([](const QUrl &) { return true; }));
        page.openFolder();
        QVERIFY(!QApplication::activeModalWidget());
    }

    void styleAndPluginComeFromTheSidecarForEarlierFiles()
    {
        TestServer server;
        QVERIFY(server.start());
        const QStringList names = generate(server, kBassAndDrums);
        QCOMPARE(names.size(), 2);
        // A model made after the generation (as after a restart) never saw it announced.
        FilesTableModel model(*server.orchestrator);
        QTRY_COMPARE(model.rowCount(), 2);
        for (const QString &name : names) {
            const int row = model.rowOf(name);
            QCOMPARE(cell(model, row, FilesTableModel::Style), QStringLiteral("Rock"));
            QCOMPARE(cell(model, row, FilesTableModel::Plugin), QStringLiteral("daw-1"));
        }
    }

    void previewLabelsFitEveryDrumName()
    {
        // Seen in the Spanish screenshots: "Tom medio-agudo" was cut off by a fixed-width label
        // gutter. A big font stands in for a long translation.
        PianoRollView view;
        QFont big = view.font();
        big.setPointSizeF(big.pointSizeF() * 2.5);
        view.setFont(big);
        view.resize(800, 500);
        const QFontMetrics metrics(big);
        for (int note : {35, 41, 48, 53, 54})
            QVERIFY2(view.noteArea().left() >= metrics.horizontalAdvance(drumName(note)) + 4, qPrintable(drumName(note)));
        // The gutter does not depend on the file, so stacked previews line up.
        const double gutter = view.noteArea().left();
        view.setFile(QStringLiteral("/nonexistent.mid"));
        QCOMPARE(view.noteArea().left(), gutter);
    }

    void previewExplainsFilesItCannotDraw()
    {
        QTemporaryDir dir;
        PianoRollView view;
        const QString garbage = dir.filePath(QStringLiteral("garbage.mid"));
        QFile file(garbage);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("MThd not really");
        file.close();
        view.setFile(garbage);
        QVERIFY2(view.message().startsWith(QStringLiteral("Cannot read garbage.mid: invalid MIDI file at byte offset")),
                 qPrintable(view.message()));

        const QString silent = dir.filePath(QStringLiteral("silent.mid"));
        MidiSong song;
        song.endTick = 1920;
        QFile out(silent);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(writeMidiFile(song));
        out.close();
        view.setFile(silent);
        QCOMPARE(view.message(), QStringLiteral("silent.mid has no notes."));

        view.setFile(dir.filePath(QStringLiteral("gone.mid")));
        QCOMPARE(view.message(), QStringLiteral("gone.mid no longer exists."));

        view.setFile({});
        QCOMPARE(view.filePath(), QString());
        QVERIFY(!view.dragData());
        view.resize(300, 200);
        view.grab();   // paints the message without touching a song
    }
};

QTEST_MAIN(TestFilesPage)
#include "tst_files_page.moc"
