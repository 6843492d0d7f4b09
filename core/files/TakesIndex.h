#pragma once

#include "FileMetadata.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QAtomicInt>
#include <QByteArray>
#include <QDateTime>
#include <QFuture>
#include <QMutex>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <optional>

// Qt SQL stays out of this header: only the services library links it.
class QSqlDatabase;
class QSqlError;
class QSqlQuery;

namespace aiband {

class JsonTextCache;

// One row of the index: a part's file, the take it belongs to, and how it was made.
struct IndexedPart {
    FileMetadata metadata;   // metadata.fileName is the part's .mid
    QString take;            // the take's id (its first part's file name): parts committed together
    bool recovered = false;  // rebuilt from the MIDI file: the request that made it is unknown
    // The part's bytes as written (SHA-256), in rows of versions that synced a take's parts beside
    // its rows: after a power cut, start-up finishes such a take only when every hidden part still
    // holds exactly these bytes. Empty for rows of this version (they keep `bytes` instead), rows
    // rebuilt, and rows of the first layout.
    QByteArray digest;
    // The text of the metadata's request its take has written already, shared by its parts (the
    // arrangement and feel are text in FileMetadata itself); none: written here. Lives until the
    // take's commit returns.
    JsonTextCache *texts = nullptr;
    // A durable take's part as written: committed with the row and kept in the index until the
    // file is known to be on the disk (TakesIndex::settle()), so that a take answered survives a
    // power cut with one sync of the index's journal instead of one per part and folder. Empty:
    // nothing to keep (without durable writes; rows rebuilt from their files).
    QByteArray bytes = {};
};

// A part's metadata as listings answer it: the compact JSON FileMetadata::toJsonText() gives, and
// when the part was made.
struct MetadataText {
    QByteArray json;
    QDateTime created;   // UTC

    bool operator==(const MetadataText &) const = default;
};

// The takes index: every part's metadata in one SQLite database (<takes>/.aiband-takes.sqlite,
// through Qt SQL), written in one transaction per take, so a take's rows appear together or not
// at all. WAL journal; a take's rows are committed with synchronous=FULL with durable writes,
// with its parts' bytes until they are settled (a committed take survives a power cut), NORMAL
// without (it survives the process being killed, not the machine going down). Removals are never synced on their own: a removal lost in a power
// cut leaves a row without its file, which the next start drops; the next synced commit carries
// them anyway.
//
// Qt SQL lets a connection be used only by the thread that opened it, so each thread gets its
// own, opened on first use and closed when the thread ends. Writes are serialised here (SQLite
// has one writer at a time anyway). Thread-safe.
class TakesIndex {
public:
    static constexpr const char *kFileName = ".aiband-takes.sqlite";

    TakesIndex(QString folder, bool durable);
    ~TakesIndex();
    TakesIndex(const TakesIndex &) = delete;
    TakesIndex &operator=(const TakesIndex &) = delete;

    enum class Opened { Existing, Created, Replaced };
    // Opens the database, creating it when it is missing; one that cannot be read, fails its
    // integrity check or has another layout is moved aside (".damaged") and made again empty
    // (Replaced), for the caller to rebuild from the files.
    Result<Opened> open();
    QString path() const;

    // One transaction: every row or none. Replaces rows of the same names.
    Status insert(const QList<IndexedPart> &parts);
    // The digest each row holds (empty for rows without one), for start-up's recovery.
    QHash<QString, QByteArray> digestsByName() const;
    // `synced` waits for the disk as a take's commit does (durable indexes only): for parts whose
    // bytes still wait, so that a removal never outlives the removed file after a power cut.
    Status remove(const QStringList &names, bool synced = false);

    // Durable takes' parts committed with their bytes (IndexedPart::bytes) and not yet settled:
    // what start-up checks each file against after an interruption. Only those with a row.
    QHash<QString, QByteArray> unsettledParts() const;
    // Names whose bytes wait but whose row is gone (a part deleted or trimmed whose file a power
    // cut may have left behind, short).
    QStringList unsettledWithoutRows() const;
    // The newest part's position among the unsettled ones (0: none): what a settle may forget once
    // everything written before this call is on the disk. An index it cannot read is an error, not
    // "none": the settle would forget what waits and say all is well.
    Result<qint64> lastUnsettled() const;
    // Forgets the bytes of every part up to `upTo` (lastUnsettled()'s), in a synced transaction:
    // from then on a delete of those parts is not synced, so a settle a power cut took could
    // bring back, from its bytes, a part deleted after it.
    Status settle(qint64 upTo);
    // The rows of files already gone (a trim of a full folder), removed in a later insert's
    // transaction once kRemovalsPerInsert wait, instead of in one of their own: a trim for every
    // take doubled the index's commits, and removing a take's two trimmed rows in every take's
    // commit wrote four more pages of the journal (their table and name leaves) than the take's
    // own rows need; 64 at once share their pages. Until then the rows are harmless: nothing
    // lists or reads a row whose file is gone, a name written again keeps its new row, and one a
    // kill leaves is dropped at the next start, as any row without its file. Applied on their own
    // once kMaxDeferredRemovals wait, and when the index closes.
    void removeWithLaterInsert(const QStringList &names);
    Status removeDeferredNow();   // those waiting, in a transaction of their own
    static constexpr qsizetype kRemovalsPerInsert = 64;
    static constexpr qsizetype kMaxDeferredRemovals = 256;
    qsizetype deferredRemovals() const;   // waiting (for tests)
    quint64 syncedCommits() const;        // committed with synchronous=FULL so far (for tests)
    std::optional<IndexedPart> find(const QString &fileName) const;
    // The metadata of `fileNames` (a listing's page) by name, as text; rows missing, rebuilt
    // (their request is unknown) or not describing their own file left out. One query per
    // kRowsPerQuery names, where find() per name cost ten times as much. A row's stored text is
    // answered as it is when its checksum shows it is the text written for that file; parsing
    // and writing it again was two thirds of a page's work (docs/BENCHMARKS.md, "Listing files").
    // A row without a checksum (copied from layout 2) or whose checksum does not match is read
    // as find() reads it.
    QHash<QString, MetadataText> metadataTexts(const QStringList &fileNames) const;
    static constexpr qsizetype kRowsPerQuery = 100;
    // Every row's file name and take: what start-up recovery compares with the folder.
    QHash<QString, QString> takesByName() const;

    // The metadata of `midiPath` from the index in its folder, without a TakesIndex open there
    // (the piano roll draws a file's chords from its take's request); nullopt when there is none.
    static std::optional<FileMetadata> readBeside(const QString &midiPath);

private:
    Result<Opened> openOrReplace() const;
    // open() on first use (a store used before prepare()), and again when the file is gone.
    void ensureOpen(bool checkFile = false) const;
    QSqlDatabase connection() const;   // this thread's, opened on first use
    // This thread's connection's statement `statement`, prepared once; null if it cannot be.
    QSqlQuery *preparedQuery(const QString &statement) const;   // on this thread's connection()
    QSqlQuery *preparedQuery(const QSqlDatabase &db, const QString &statement) const;
    std::optional<QSqlError> execPrepared(const QSqlDatabase &db, const QString &statement) const;   // none when done
    void closeConnections() const;         // this thread's; others close when their thread ends
    Status createSchema(const QSqlDatabase &db) const;   // parts (created or updated) and unsettled
    Status createParts(const QSqlDatabase &db) const;
    Status insertUnsettled(const QSqlDatabase &db, const QList<IndexedPart> &parts) const;   // within insert()'s transaction
    Error unwritable() const;   // a statement that cannot be prepared
    Status migrate(const QSqlDatabase &db) const;   // layout 2's table into this layout's
    // `synced`: the commit waits for the disk (synchronous=FULL) when the index is durable.
    // `rolledBack` runs under the write lock after a rollback.
    Status transaction(const std::function<Status(QSqlDatabase &)> &work, bool synced,
                       const std::function<void()> &rolledBack = {});
    // Within a transaction: DELETE every row of `names`.
    Status deleteRows(const QSqlDatabase &db, const QStringList &names) const;
    // What an insert takes of the waiting removals: those it removes, and those of names it
    // writes again (left out; waiting again if it rolls back).
    struct DeferredRemovals {
        QStringList removed;
        QStringList rewritten;
    };
    QStringList takeDeferredRemovals();
    DeferredRemovals takeDeferredRemovalsFor(const QList<IndexedPart> &parts);
    // Adds `names` to the waiting removals (a rollback's too, without the backlog's own removal,
    // which would need the write lock it holds); how many wait now.
    qsizetype deferRemovals(const QStringList &names);

    QString m_folder;
    bool m_durable;
    QString m_connectionPrefix;   // unique per instance: a later index on the same file gets new connections
    mutable QMutex m_writeMutex;
    mutable QMutex m_openMutex;
    mutable bool m_opened = false;
    mutable QAtomicInt m_epoch;   // in connection names: a new file gets new connections
    // A checkpoint of the journal on a worker thread every kCommitsPerCheckpoint commits (about
    // 500 pages; SQLite's own is 1,000 pages, in the commit that crosses them).
    static constexpr int kCommitsPerCheckpoint = 100;
    void startCheckpoint();
    QAtomicInt m_commitsSinceCheckpoint;
    std::atomic<quint64> m_syncedCommits{0};
    QMutex m_checkpointMutex;
    // A thread of its own, not Qt's shared pool, where a checkpoint could queue behind trims and
    // recordings being heard (a second or more each) while the journal grew.
    QThreadPool m_checkpointPool;
    QFuture<void> m_checkpoint;
    mutable QMutex m_deferredMutex;
    QStringList m_deferredRemovals;   // removeWithLaterInsert()'s
};

} // namespace aiband
