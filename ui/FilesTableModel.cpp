#include "FilesTableModel.h"

#include "FileNameFields.h"
#include "MidiDragData.h"
#include "NoteNames.h"
#include "Orchestrator.h"
#include "PartTitle.h"
#include "StyleTitle.h"
#include "TakeTitle.h"
#include "generation/TakeChords.h"
#include "music/MidiReader.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QMimeData>
#include <QPointer>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

constexpr int kDebounceMs = 250;
constexpr int kAgeRefreshMs = 30 * 1000;
// Files without a sidecar are read for their chords; a take is a few kilobytes.
constexpr qint64 kMaxChartBytes = 1024 * 1024;

} // namespace

FilesTableModel::FilesTableModel(Orchestrator &orchestrator, QObject *parent)
    : QAbstractTableModel(parent), m_orchestrator(orchestrator)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    // The store lists from memory: a change made outside it (a file manager, a plugin's DELETE
    // in another folder view) shows once the store has read the folder again, off this thread.
    connect(&m_debounce, &QTimer::timeout, &orchestrator, &Orchestrator::rereadFiles);
    connect(&orchestrator, &Orchestrator::filesReread, this, &FilesTableModel::refresh);
    // Not restarted by each change: under a steady stream of writes the table still catches up
    // every kDebounceMs instead of waiting for a quiet moment.
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (!m_debounce.isActive())
            m_debounce.start();
    });

    m_ageTicker.setInterval(kAgeRefreshMs);
    connect(&m_ageTicker, &QTimer::timeout, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, Age), index(static_cast<int>(m_rows.size()) - 1, Age), {Qt::DisplayRole});
    });
    m_ageTicker.start();

    // A generation's files are added from the announcement itself: with many plugins
    // generating at once, re-reading a folder of a thousand files for each would add up. The
    // folder watcher reconciles anything else.
    connect(&orchestrator.session(), &BandSession::filesGenerated, this, [this](const GenerationResult &result) {
        remember(result);
        watchFolder();
        for (const GeneratedFile &file : result.files)
            addFile(file.file);
    });
    // The folder is created when the server starts; watch it from then on.
    connect(&orchestrator, &Orchestrator::runningChanged, this, &FilesTableModel::refresh);
    refresh();
}

int FilesTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int FilesTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FilesTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    if (index.column() == Chords || index.column() == Bars) {
        if (QVariant chart = chartData(row, index.column(), role); chart.isValid())
            return chart;
    }
    switch (role) {
    case FileNameRole:
        return row.file.name;
    case FilePathRole:
        return row.file.path;
    case Qt::ToolTipRole:
        return tr("%1\nDrag into your DAW or a file manager.").arg(row.file.path);
    case Qt::TextAlignmentRole:
        if (index.column() == Tempo || index.column() == Size || index.column() == Bars)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case Track: return row.track;
        case Key: return row.key;
        case Tempo: return row.tempoBpm;
        case Style: return row.provenance.style;
        case Plugin: return row.provenance.pluginId;
        // Ascending age is newest first, so the negated time sorts like the column reads.
        case Age: return -row.file.modified.toMSecsSinceEpoch();
        case Size: return row.file.sizeBytes;
        }
        return {};
    case Qt::DisplayRole:
        switch (index.column()) {
        case Track: return partTitle(row.track);
        case Key: return row.key;
        case Tempo: return row.tempoBpm > 0 ? QVariant(row.tempoBpm) : QVariant();
        case Style: return styleTitle(m_orchestrator.session().styles(), row.provenance.style);
        case Plugin: return row.provenance.pluginId;
        case Age: return formatAge(std::max<qint64>(0, row.file.modified.secsTo(QDateTime::currentDateTime())));
        case Size: return QLocale().formattedDataSize(row.file.sizeBytes);
        }
        return {};
    default:
        return {};
    }
}

QVariant FilesTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Track: return tr("Track");
    case Key: return tr("Key");
    case Chords: return tr("Chords");
    case Bars: return tr("Bars");
    case Tempo: return tr("Tempo (BPM)");
    case Style: return tr("Style");
    case Plugin: return tr("Plugin");
    case Age: return tr("Age");
    case Size: return tr("Size");
    }
    return {};
}

Qt::ItemFlags FilesTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return Qt::NoItemFlags;
    if (m_deleting.contains(m_rows.at(index.row()).file.name))
        return Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
}

QStringList FilesTableModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list"), QString::fromLatin1(kMidiMimeType)};
}

QMimeData *FilesTableModel::mimeData(const QModelIndexList &indexes) const
{
    // A selected row arrives once per column; each file goes once, in row order.
    QList<int> rows;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.model() == this && !rows.contains(index.row()))
            rows.append(index.row());
    }
    std::sort(rows.begin(), rows.end());
    QStringList paths;
    for (int row : rows)
        paths.append(m_rows.at(row).file.path);
    return midiFilesMimeData(paths);
}

Qt::DropActions FilesTableModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

int FilesTableModel::rowOf(const QString &fileName) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).file.name == fileName)
            return i;
    }
    return -1;
}

void FilesTableModel::removeFiles(const QStringList &fileNames, std::function<void(const QList<Error> &)> done)
{
    QStringList asked;   // each once, and none already being deleted
    for (const QString &name : fileNames) {
        if (!m_deleting.contains(name)) {
            m_deleting.insert(name);
            asked.append(name);
        }
    }
    if (asked.isEmpty()) {   // every one already being deleted: nothing to ask, and no error of its own
        QMetaObject::invokeMethod(this, [done = std::move(done)] { if (done) done({}); }, Qt::QueuedConnection);
        return;
    }
    rowsChanged(asked);
    m_orchestrator.session().deleteFiles(asked, [self = QPointer(this), asked, done = std::move(done)](const QList<Error> &errors) {
        if (!self)
            return;
        for (const QString &name : asked)
            self->m_deleting.remove(name);
        self->refresh();
        self->rowsChanged(asked);   // those that could not be deleted are enabled again
        if (done)
            done(errors);
    });
}

void FilesTableModel::rowsChanged(const QStringList &fileNames)
{
    for (const QString &name : fileNames) {
        if (const int row = rowOf(name); row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

QString FilesTableModel::formatAge(qint64 seconds)
{
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%1 min").arg(seconds / 60);
    if (seconds < 24 * 3600)
        return tr("%1 h").arg(seconds / 3600);
    return tr("%1 d").arg(seconds / (24 * 3600));
}

void FilesTableModel::refresh()
{
    watchFolder();
    // Every file, from the store's index (no disk access): the table shows the whole folder.
    const QList<StoredFile> listed = m_orchestrator.session().files().list();   // newest first
    QSet<QString> present;
    for (const StoredFile &file : listed)
        present.insert(file.name);

    // Vanished rows go one contiguous run at a time, from the bottom so indexes stay valid.
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0;) {
        if (present.contains(m_rows.at(row).file.name)) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !present.contains(m_rows.at(first - 1).file.name))
            --first;
        beginRemoveRows({}, first, row);
        for (int i = row; i >= first; --i) {
            m_provenance.remove(m_rows.at(i).file.name);
            m_rows.removeAt(i);
        }
        endRemoveRows();
        row = first - 1;
    }

    // New files are inserted where the store's order puts them; rows still present keep their
    // place (and their selection in any view).
    QSet<QString> known;
    for (const Row &row : std::as_const(m_rows))
        known.insert(row.file.name);
    for (int i = 0; i < listed.size(); ++i) {
        const StoredFile &file = listed.at(i);
        if (known.contains(file.name)) {
            // Same file, maybe rewritten outside the app: keep size and time current.
            const int row = i < m_rows.size() && m_rows.at(i).file.name == file.name ? i : rowOf(file.name);
            if (row >= 0 && (m_rows.at(row).file.sizeBytes != file.sizeBytes || m_rows.at(row).file.modified != file.modified)) {
                m_rows[row].file = file;
                m_rows[row].chart.reset();   // rewritten: read its chords again
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
            continue;
        }
        const int at = static_cast<int>(std::min<qsizetype>(i, m_rows.size()));
        beginInsertRows({}, at, at);
        m_rows.insert(at, makeRow(file));
        endInsertRows();
    }
}

void FilesTableModel::addFile(const StoredFile &file)
{
    if (rowOf(file.name) >= 0)
        return;
    // Rows are in the store's order, newest first, which is descending name order.
    const auto at = std::lower_bound(m_rows.cbegin(), m_rows.cend(), file.name,
                                     [](const Row &row, const QString &name) { return row.file.name > name; });
    const int row = static_cast<int>(at - m_rows.cbegin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, makeRow(file));
    endInsertRows();
}

FilesTableModel::Row FilesTableModel::makeRow(const StoredFile &file) const
{
    Row row;
    row.file = file;
    row.track = file.trackType;
    if (const auto fields = parseFileNameFields(file.name)) {
        row.track = fields->track;
        row.key = fields->key;
        row.tempoBpm = fields->tempoBpm;
    }
    row.provenance = provenanceOf(file.name);
    return row;
}

const FilesTableModel::Chart &FilesTableModel::chartOf(const Row &row) const
{
    if (row.chart)
        return *row.chart;
    Chart chart;
    if (const std::optional<FileMetadata> metadata = m_orchestrator.session().files().readMetadata(row.file.name)) {
        if (const Result<ChordTimeline> chords = takeChordTimeline(*metadata))
            chart.progression = chords->progression;
        chart.bars = metadata->bars;
    } else if (QFile file(row.file.path); file.size() <= kMaxChartBytes && file.open(QIODevice::ReadOnly)) {
        if (const Result<MidiSong> song = readMidiFile(file.readAll())) {
            chart.progression = detectedChordTimeline(*song).progression;
            chart.detected = true;
            const double ticksPerBar = song->timeSignature.beatsPerBar() * kTicksPerQuarter;
            chart.bars = ticksPerBar > 0 ? std::ceil(static_cast<double>(song->endTick) / ticksPerBar) : 0.0;
        }
    }
    row.chart = std::move(chart);
    return *row.chart;
}

QVariant FilesTableModel::chartData(const Row &row, int column, int role) const
{
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::ToolTipRole)
        return {};
    const Chart &chart = chartOf(row);
    if (column == Bars) {
        if (role == Qt::ToolTipRole || chart.bars <= 0)
            return role == SortRole ? QVariant(0.0) : QVariant();
        if (role == SortRole)
            return chart.bars;
        return QLocale().toString(chart.bars, 'g', 4);
    }
    if (chart.progression.isEmpty())
        return role == SortRole ? QVariant(QString()) : QVariant();
    if (role == SortRole)
        return chart.progression.join(QLatin1Char(' '));
    const QStringList shown = shownChords(chart.progression);
    switch (role) {
    case Qt::ToolTipRole:
        return chart.detected ? tr("Chords read from the notes:\n%1").arg(shown.join(QLatin1Char(' ')))
                              : tr("Chords:\n%1").arg(shown.join(QLatin1Char(' ')));
    default:
        return shortProgression(shown, kChordsShown, QStringLiteral(" "));
    }
}

FileProvenance FilesTableModel::provenanceOf(const QString &fileName) const
{
    // The sidecar knows for every file, also those from earlier runs; files without one (made
    // before sidecars existed, or copied in) fall back to what this run saw generated.
    if (const std::optional<FileMetadata> metadata = m_orchestrator.session().files().readMetadata(fileName))
        return FileProvenance{metadata->style, metadata->pluginId};
    return m_provenance.value(fileName);
}

void FilesTableModel::remember(const GenerationResult &result)
{
    const FileProvenance provenance{result.arrangement.style, result.pluginId};
    for (const GeneratedFile &file : result.files)
        m_provenance.insert(file.file.name, provenance);
}

void FilesTableModel::watchFolder()
{
    const QString folder = m_orchestrator.session().files().directory();
    if (!m_watcher.directories().contains(folder) && QDir(folder).exists())
        m_watcher.addPath(folder);
}

} // namespace aiband
