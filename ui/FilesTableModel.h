#pragma once

#include "files/StoredFile.h"
#include "util/Result.h"

#include <QAbstractTableModel>
#include <QFileSystemWatcher>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

namespace aiband {

class Orchestrator;
struct GenerationResult;

// Where a file came from: the style it was played in and the plugin that asked for it.
struct FileProvenance {
    QString style;
    QString pluginId;
};

// The files folder as a table, one row per generated file (its part, key, chords, bars, tempo,
// style, plugin, age and size), kept live: rows appear when the
// orchestrator announces new files, and rows come and go when the folder changes on disk (a
// plugin's DELETE, a file manager, cleanup), debounced so a burst of writes is one re-read of
// the folder (on a worker thread: Orchestrator::rereadFiles()) and one refresh.
// Rows keep the store's order (newest first); views sort through a proxy on SortRole.
class FilesTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Track, Key, Chords, Bars, Tempo, Style, Plugin, Age, Size, ColumnCount };
    static constexpr int kChordsShown = 6;   // the Chords column's progression, then "…"
    enum Role {
        SortRole = Qt::UserRole + 1,  // raw value per column; Age sorts newest first ascending
        FileNameRole,
        FilePathRole,
    };

    explicit FilesTableModel(Orchestrator &orchestrator, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Dragging rows gives the files themselves (see midiFilesMimeData).
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    const StoredFile &fileAt(int row) const { return m_rows.at(row).file; }
    int rowOf(const QString &fileName) const;   // -1 when not listed

    // Deletes through the session (the disk work on a worker); the rows go when it is done, and
    // `done` gets one error per file that could not be deleted. Not called when the model is
    // gone by then. Until then their rows are disabled (greyed, not selectable), and a file
    // already being deleted is not asked for again: a second Delete before the first answer
    // reported "no file named …" for a file the first was removing.
    void removeFiles(const QStringList &fileNames, std::function<void(const QList<Error> &)> done = {});

    // "just now", "5 min", "3 h", "2 d": how long ago, in the table's words.
    static QString formatAge(qint64 seconds);

public slots:
    void refresh();   // re-reads the store's list: new rows inserted, vanished rows removed

private:
    // A row's chords and length: a take's from its sidecar (the progression it played, the bars
    // it asked for), any other file's read from the file (ChordDetection, its length). Worked out
    // when first shown, not for every file of the folder at once.
    struct Chart {
        QStringList progression;
        double bars = 0.0;
        bool detected = false;
    };

    struct Row {
        StoredFile file;
        QString track;
        QString key;
        int tempoBpm = 0;
        FileProvenance provenance;
        mutable std::optional<Chart> chart;
    };

    const Chart &chartOf(const Row &row) const;
    QVariant chartData(const Row &row, int column, int role) const;
    Row makeRow(const StoredFile &file) const;
    void addFile(const StoredFile &file);
    // The one place style and plugin come from. Today: what this run's generations said about
    // their files (m_provenance); files from before the app started show none.
    FileProvenance provenanceOf(const QString &fileName) const;
    void remember(const GenerationResult &result);
    void watchFolder();
    void rowsChanged(const QStringList &fileNames);   // their flags or data

    Orchestrator &m_orchestrator;
    QList<Row> m_rows;
    QHash<QString, FileProvenance> m_provenance;   // by file name, for files generated this run
    QSet<QString> m_deleting;   // asked of the session, not yet answered
    QFileSystemWatcher m_watcher;
    QTimer m_debounce;
    QTimer m_ageTicker;   // ages are relative: repaint them now and then
};

} // namespace aiband
