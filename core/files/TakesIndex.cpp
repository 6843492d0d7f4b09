#include "TakesIndex.h"

#include "logging/LogCategories.h"
#include "util/CompactJson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <QThreadStorage>
#include <QUuid>
#include <QVariant>

#include <memory>
#include <unordered_map>
#include <utility>

namespace aiband {
namespace {

// 2: the parts' digests (a column added to version 1's table).
// 3: a rowid table. Versions 1 and 2 kept the rows in the file name's b-tree (WITHOUT ROWID),
//    whose cells hold about 1 KB on a 4 KB page: a take's row (1.0–1.3 KB) spilled into an
//    overflow page each, 4.7 KB a row (468 MB at 100,000 parts) and seven pages written per take.
//    With it, each row's creation time and the checksum of its metadata's text, which listings
//    answer as it is (metadataTexts()).
constexpr int kSchemaVersion = 3;
const QString kCreateParts = QStringLiteral(
    "CREATE TABLE %1 (file_name TEXT UNIQUE NOT NULL, take TEXT NOT NULL, recovered INTEGER NOT NULL, "
    "metadata TEXT NOT NULL, digest BLOB, created_ms INTEGER, checksum BLOB)");
// Named, not positional: Qt SQL makes a name (":0", ":1"...) with QString::arg for every value
// bound by position, a thousand instructions each, fourteen a take (callgrind); a value bound by
// its name is a lookup of that name.
const QString kInsertPart = QStringLiteral(
    "INSERT OR REPLACE INTO parts (file_name, take, recovered, metadata, digest, created_ms, checksum) "
    "VALUES (:file_name, :take, :recovered, :metadata, :digest, :created_ms, :checksum)");
// A durable take's parts' bytes, from its commit until the files holding them are known to be on
// the disk (settle()). A table of its own beside every layout's `parts`: versions that do not
// know it read the index as before. No index on the name: a take's commit writes one page fewer
// of the journal, and a name is written again (a later row) only by a take that replaces it.
const QString kCreateUnsettled = QStringLiteral(
    "CREATE TABLE IF NOT EXISTS unsettled (file_name TEXT NOT NULL, bytes BLOB NOT NULL)");
const QString kFileNameField = QStringLiteral(":file_name");
const QString kInsertUnsettled = QStringLiteral("INSERT INTO unsettled (file_name, bytes) VALUES (:file_name, :bytes)");

// What shows that a row's metadata text is the one written for its file: damage to the text, or
// a row's text moved to another name, changes it. BLAKE2b: 1.7 µs for a 1.2 KB row, where
// SHA-256 took 6.6 (Qt 6.4's implementations, measured). Not a signature: whoever can write the
// takes folder can also write the takes themselves.
QByteArray checksumOf(const QString &fileName, const QByteArray &metadataText)
{
    QCryptographicHash hash(QCryptographicHash::Blake2b_160);
    hash.addData(fileName.toUtf8());
    hash.addData(QByteArrayView("\0", 1));
    hash.addData(metadataText);
    return hash.result();
}
const QString kDriver = QStringLiteral("QSQLITE");
// SQLite's SQLITE_FULL, as Qt's driver reports it (QSqlError::nativeErrorCode()).
const QString kSqliteFull = QStringLiteral("13");

// Qt SQL's rule: a connection belongs to the thread that opened it. These are one thread's
// connections, closed when that thread ends (QThreadStorage deletes its value then).
struct ThreadConnections {
    QStringList names;
    // Each connection's SELECTs, prepared once (by connection, then statement): a listing page
    // reads a hundred rows, and SQLite's parse of the statement was most of each read.
    std::unordered_map<QString, std::unordered_map<QString, std::unique_ptr<QSqlQuery>>> prepared;
    // Each connection's synchronous mode (true: FULL), set only when a transaction needs the
    // other one: the PRAGMA's parse and run were a tenth of a take's index work.
    std::unordered_map<QString, bool> fullSync;
    ~ThreadConnections()
    {
        prepared.clear();   // before their connections go
        for (const QString &name : std::as_const(names))
            QSqlDatabase::removeDatabase(name);
    }
};

QThreadStorage<ThreadConnections *> &threadConnections()
{
    static QThreadStorage<ThreadConnections *> connections;
    return connections;
}

Error sqlError(const QString &what, const QSqlError &error)
{
    const bool full = error.nativeErrorCode() == kSqliteFull;
    return makeError(full ? QStringLiteral("insufficient_storage") : QStringLiteral("write_failed"),
                     QStringLiteral("%1: %2").arg(what, error.text()));
}

std::optional<IndexedPart> partFrom(const QSqlQuery &row, const QString &fileName)
{
    std::optional<FileMetadata> metadata =
        FileMetadata::fromJson(QJsonDocument::fromJson(row.value(2).toByteArray()).object());
    // A row that does not describe its own file is not trusted (a damaged or edited index).
    if (!metadata || metadata->fileName != fileName)
        return std::nullopt;
    const bool withDigest = row.record().count() > 3;
    return IndexedPart{*metadata, row.value(0).toString(), row.value(1).toBool(),
                       withDigest ? row.value(3).toByteArray() : QByteArray()};
}

// Every row of `statement` (file name, then one value) by file name: what start-up recovery
// compares with the folder.
template <typename Value>
QHash<QString, Value> secondColumnByName(const QSqlDatabase &db, const QString &statement)
{
    QHash<QString, Value> values;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (query.exec(statement)) {
        while (query.next())
            values.insert(query.value(0).toString(), query.value(1).value<Value>());
    }
    return values;
}

const QString kSelectPart = QStringLiteral("SELECT take, recovered, metadata, digest FROM parts WHERE file_name = ?");
// kRowsPerQuery names at once; partFrom() reads the first four columns.
enum TextColumn { kFileNameColumn = 4, kChecksumColumn, kCreatedColumn };
const QString &selectTexts()
{
    static const QString statement = [] {
        QStringList placeholders;
        for (qsizetype i = 0; i < TakesIndex::kRowsPerQuery; ++i)
            placeholders.append(QStringLiteral("?"));
        return QStringLiteral("SELECT take, recovered, metadata, digest, file_name, checksum, created_ms FROM parts "
                              "WHERE file_name IN (%1)")
            .arg(placeholders.join(QLatin1Char(',')));
    }();
    return statement;
}

// A listed row's metadata: its text as stored when the checksum vouches for it, else as find()
// would read it, written again.
std::optional<MetadataText> textFrom(const QSqlQuery &row, const QString &fileName)
{
    if (row.value(1).toBool())   // rebuilt: its request is unknown (FileStore::readSidecar())
        return std::nullopt;
    QByteArray text = row.value(2).toByteArray();
    const QVariant created = row.value(kCreatedColumn);
    if (!created.isNull() && row.value(kChecksumColumn).toByteArray() == checksumOf(fileName, text))
        return MetadataText{std::move(text), QDateTime::fromMSecsSinceEpoch(created.toLongLong(), Qt::UTC)};
    const std::optional<IndexedPart> part = partFrom(row, fileName);
    if (!part)
        return std::nullopt;
    return MetadataText{part->metadata.toJsonText(), part->metadata.created};
}
// Without the digest: an index of another folder may still have version 1's layout.
const QString kSelectMetadata = QStringLiteral("SELECT take, recovered, metadata FROM parts WHERE file_name = ?");

} // namespace

TakesIndex::TakesIndex(QString folder, bool durable)
    : m_folder(std::move(folder)), m_durable(durable),
      m_connectionPrefix(QStringLiteral("aiband-takes-%1-").arg(QUuid::createUuid().toString(QUuid::Id128)))
{
    m_checkpointPool.setMaxThreadCount(1);   // one checkpoint at a time (startCheckpoint())
}

TakesIndex::~TakesIndex()
{
    {
        QMutexLocker lock(&m_checkpointMutex);
        m_checkpoint.waitForFinished();
    }
    // Not into a new index: one whose file is gone (its folder removed) has no rows to remove.
    if (QFileInfo::exists(path()))
        removeDeferredNow();
    closeConnections();
}

QString TakesIndex::path() const
{
    return m_folder + QLatin1Char('/') + QLatin1String(kFileName);
}

QSqlDatabase TakesIndex::connection() const
{
    const QString name = m_connectionPrefix + QString::number(m_epoch.loadAcquire()) + QLatin1Char('-')
                         + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name);
    if (!threadConnections().hasLocalData())
        threadConnections().setLocalData(new ThreadConnections);
    threadConnections().localData()->names.append(name);
    QSqlDatabase db = QSqlDatabase::addDatabase(kDriver, name);
    db.setDatabaseName(path());
    // Another thread's transaction holds the write lock for a few milliseconds at most.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (db.open()) {
        QSqlQuery pragmas(db);
        pragmas.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        // Each transaction chooses FULL or NORMAL (transaction()); NORMAL until then.
        pragmas.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
        // Checkpoints run beside the takes (startCheckpoint()), not in the commit that crosses
        // SQLite's 1,000 pages: that take paid for copying the pages and syncing the file.
        pragmas.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
    }
    return db;
}

void TakesIndex::closeConnections() const
{
    if (!threadConnections().hasLocalData())
        return;
    QStringList &names = threadConnections().localData()->names;
    for (auto it = names.begin(); it != names.end();) {
        if (it->startsWith(m_connectionPrefix)) {
            threadConnections().localData()->prepared.erase(*it);
            threadConnections().localData()->fullSync.erase(*it);
            QSqlDatabase::removeDatabase(*it);
            it = names.erase(it);
        } else {
            ++it;
        }
    }
}

Result<TakesIndex::Opened> TakesIndex::open()
{
    QMutexLocker lock(&m_openMutex);
    Result<Opened> opened = openOrReplace();
    m_opened = opened.ok();
    return opened;
}

Result<TakesIndex::Opened> TakesIndex::openOrReplace() const
{
    const bool existed = QFileInfo::exists(path());
    Status ready = createSchema(connection());
    if (ready)
        return existed ? Opened::Existing : Opened::Created;
    qCWarning(lcFiles).noquote() << "the takes index" << path() << "cannot be used (" << ready.error().message
                                 << "); it is moved aside to" << path() + QStringLiteral(".damaged")
                                 << "and rebuilt from the files";
    closeConnections();
    QFile::remove(path() + QStringLiteral(".damaged"));
    QFile::rename(path(), path() + QStringLiteral(".damaged"));
    for (const char *suffix : {"-wal", "-shm"})
        QFile::remove(path() + QLatin1String(suffix));
    if (Status again = createSchema(connection()); !again)
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("cannot create the takes index %1: %2").arg(path(), again.error().message));
    return Opened::Replaced;
}

Status TakesIndex::createSchema(const QSqlDatabase &db) const
{
    if (Status parts = createParts(db); !parts)
        return parts;
    QSqlQuery query(db);
    if (!query.exec(kCreateUnsettled))
        return sqlError(QStringLiteral("creating the takes index"), query.lastError());
    return Done{};
}

Status TakesIndex::createParts(const QSqlDatabase &db) const
{
    if (!db.isOpen())
        return makeError(QStringLiteral("write_failed"), db.lastError().text());
    QSqlQuery query(db);
    // A damaged file fails here ("file is not a database", "database disk image is malformed").
    if (!query.exec(QStringLiteral("PRAGMA quick_check(1)")) || !query.next()
        || query.value(0).toString() != QLatin1String("ok"))
        return makeError(QStringLiteral("write_failed"),
                         query.lastError().isValid() ? query.lastError().text() : query.value(0).toString());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return sqlError(QStringLiteral("reading its version"), query.lastError());
    const int version = query.value(0).toInt();
    query.finish();   // a statement left open would lock the table a migration drops
    if (version == kSchemaVersion)
        return Done{};
    if (version == 1) {
        // Version 1's rows have no digest: their takes were synced before their rows.
        if (!query.exec(QStringLiteral("ALTER TABLE parts ADD COLUMN digest BLOB"))
            || !query.exec(QStringLiteral("PRAGMA user_version = 2")))
            return sqlError(QStringLiteral("updating the takes index"), query.lastError());
    }
    if (version == 1 || version == 2) {
        // Layout 2's table has the same columns: an index that cannot be copied now (a full
        // disk) is used as it is and copied at a later start.
        if (Status migrated = migrate(db); !migrated)
            qCWarning(lcFiles).noquote() << migrated.error().message << "; it is used as it is until a later start";
        return Done{};
    }
    if (version != 0)
        return makeError(QStringLiteral("write_failed"), QStringLiteral("layout version %1, not %2").arg(version).arg(kSchemaVersion));
    const bool created = query.exec(kCreateParts.arg(QStringLiteral("parts")))
                         && query.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
    if (!created)
        return sqlError(QStringLiteral("creating the takes index"), query.lastError());
    return Done{};
}

// An index of layout 2 copied into this layout's table in one transaction (a kill during it
// leaves layout 2 whole, copied again at the next start), then compacted: the earlier table's
// pages would otherwise stay in the file as free space.
Status TakesIndex::migrate(const QSqlDatabase &db) const
{
    QSqlDatabase database = db;
    QSqlQuery query(database);
    const bool copied =
        database.transaction() && query.exec(kCreateParts.arg(QStringLiteral("parts_v3")))
        && query.exec(QStringLiteral("INSERT INTO parts_v3 (file_name, take, recovered, metadata, digest) "
                                     "SELECT file_name, take, recovered, metadata, digest FROM parts"))
        && query.exec(QStringLiteral("DROP TABLE parts")) && query.exec(QStringLiteral("ALTER TABLE parts_v3 RENAME TO parts"))
        && query.exec(QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion)) && database.commit();
    if (!copied) {
        const QSqlError error = query.lastError().isValid() ? query.lastError() : database.lastError();
        database.rollback();
        return sqlError(QStringLiteral("the takes index %1 could not be updated to layout %2").arg(path()).arg(kSchemaVersion),
                        error);
    }
    // Not needed for the rows (a disk too full to compact keeps the larger file). In WAL mode
    // the compacted pages stay in the journal until a checkpoint, which also truncates it.
    if (!query.exec(QStringLiteral("VACUUM")) || !query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
        qCWarning(lcFiles).noquote() << "the takes index" << path() << "was updated but not compacted:" << query.lastError().text();
    qCInfo(lcFiles).noquote() << "the takes index" << path() << "was updated to layout" << kSchemaVersion;
    return Done{};
}

void TakesIndex::ensureOpen(bool checkFile) const
{
    QMutexLocker lock(&m_openMutex);
    if (m_opened && (!checkFile || QFileInfo::exists(path())))
        return;
    if (m_opened) {
        // Removed under the running app (its folder deleted and made again): connections to the
        // unlinked file would fail every write, so later ones open a new index. Its rows are
        // gone with it; files still there get rows rebuilt at the next start.
        qCWarning(lcFiles).noquote() << "the takes index" << path() << "is gone; a new one is made";
        m_epoch.fetchAndAddRelease(1);
    }
    // A store used before FileStore::prepare() (tests, tools): the index is made on first use.
    m_opened = openOrReplace().ok();
}

Status TakesIndex::transaction(const std::function<Status(QSqlDatabase &)> &work, bool synced,
                               const std::function<void()> &rolledBack)
{
    ensureOpen(/*checkFile=*/true);   // one stat per transaction
    QMutexLocker lock(&m_writeMutex);
    QSqlDatabase db = connection();
    // Per transaction: a connection is shared by a thread's synced commits (inserts, settles,
    // removals of parts whose bytes wait, when durable) and the rest. Connections start with NORMAL.
    const bool full = m_durable && synced;
    bool &connectionFull = threadConnections().localData()->fullSync[db.connectionName()];
    if (connectionFull != full) {
        // Refused, not carried on: a durable commit in the other mode would not wait for the disk,
        // and nothing would say so.
        QSqlQuery pragma(db);
        if (!pragma.exec(full ? QStringLiteral("PRAGMA synchronous=FULL") : QStringLiteral("PRAGMA synchronous=NORMAL")))
            return sqlError(QStringLiteral("the takes index %1 could not set how it syncs").arg(path()), pragma.lastError());
        connectionFull = full;
    }
    // Every statement of the transaction on this one connection: connection() names a new one
    // when the index file was made again meanwhile (another thread's ensureOpen()).
    const auto rollBack = [&] {
        db.rollback();
        if (rolledBack)
            rolledBack();
    };
    if (const std::optional<QSqlError> refused = execPrepared(db, QStringLiteral("BEGIN")))
        return sqlError(QStringLiteral("the takes index %1").arg(path()), *refused);
    if (Status done = work(db); !done) {
        rollBack();
        return done;
    }
    if (const std::optional<QSqlError> refused = execPrepared(db, QStringLiteral("COMMIT"))) {
        rollBack();
        return sqlError(QStringLiteral("the takes index %1").arg(path()), *refused);
    }
    if (full)
        ++m_syncedCommits;
    if (++m_commitsSinceCheckpoint >= kCommitsPerCheckpoint)
        startCheckpoint();
    return Done{};
}

quint64 TakesIndex::syncedCommits() const
{
    return m_syncedCommits.load();
}

// PASSIVE: copies what no reader still needs, and neither waits for the writer nor makes it wait
// (WAL mode lets one checkpoint run beside one writer). The next write starts the journal over
// once everything is copied, so it stays about kCommitsPerCheckpoint commits long.
void TakesIndex::startCheckpoint()
{
    QMutexLocker lock(&m_checkpointMutex);
    if (m_checkpoint.isRunning())
        return;
    m_commitsSinceCheckpoint = 0;
    m_checkpoint = QtConcurrent::run(&m_checkpointPool, [this] {
        QSqlQuery checkpoint(connection());
        bool done = checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        if (done) {
            // What the takes wrote meanwhile, with no writer: only a complete checkpoint lets the
            // next write start the journal over (one that always trailed the writes let it grow
            // to 588 MB in 16,000 takes).
            QMutexLocker writing(&m_writeMutex);
            done = checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)"));
        }
        if (!done)
            qCWarning(lcFiles).noquote() << "the takes index" << path() << "could not be checkpointed:"
                                         << checkpoint.lastError().text();
    });
}

Status TakesIndex::insert(const QList<IndexedPart> &parts)
{
    if (parts.isEmpty())
        return Done{};
    DeferredRemovals carried;
    return transaction([&](QSqlDatabase &db) -> Status {
        // Taken under the write lock, so no other transaction commits between choosing them and
        // removing them: a name written again by a take that commits first keeps its new row.
        carried = takeDeferredRemovalsFor(parts);
        // First: a name removed and written again within one transaction keeps its new row.
        if (Status deleted = deleteRows(db, carried.removed); !deleted)
            return deleted;
        // Prepared once per connection: SQLite's parse of the statement was a tenth of a take's
        // index work.
        QSqlQuery *query = preparedQuery(db, kInsertPart);
        if (!query)
            return unwritable();
        JsonTextCache shared;   // a take's parts share their request
        for (const IndexedPart &part : parts) {
            const QByteArray text = part.metadata.toJsonText(part.texts ? part.texts : &shared);
            query->bindValue(kFileNameField, part.metadata.fileName);
            query->bindValue(QStringLiteral(":take"), part.take);
            query->bindValue(QStringLiteral(":recovered"), part.recovered ? 1 : 0);
            query->bindValue(QStringLiteral(":metadata"), text);
            query->bindValue(QStringLiteral(":digest"), part.digest.isEmpty() ? QVariant() : QVariant(part.digest));
            query->bindValue(QStringLiteral(":created_ms"),
                             part.metadata.created.isValid() ? QVariant(part.metadata.created.toMSecsSinceEpoch()) : QVariant());
            query->bindValue(QStringLiteral(":checksum"), checksumOf(part.metadata.fileName, text));
            if (!query->exec())
                return sqlError(QStringLiteral("indexing %1").arg(part.metadata.fileName), query->lastError());
        }
        query->finish();
        return insertUnsettled(db, parts);
    }, /*synced=*/true, [&] {
        // Rolled back with the take: every removal it took waits again, those of names it was
        // writing again too (their old rows stay).
        deferRemovals(carried.removed + carried.rewritten);
    });
}

Error TakesIndex::unwritable() const
{
    return makeError(QStringLiteral("write_failed"), QStringLiteral("the takes index %1 cannot be written").arg(path()));
}

Status TakesIndex::insertUnsettled(const QSqlDatabase &db, const QList<IndexedPart> &parts) const
{
    QSqlQuery *query = nullptr;
    for (const IndexedPart &part : parts) {
        if (part.bytes.isEmpty())
            continue;
        if (!query && !(query = preparedQuery(db, kInsertUnsettled)))
            return unwritable();
        query->bindValue(kFileNameField, part.metadata.fileName);
        query->bindValue(QStringLiteral(":bytes"), part.bytes);
        if (!query->exec())
            return sqlError(QStringLiteral("indexing %1").arg(part.metadata.fileName), query->lastError());
    }
    if (query)
        query->finish();
    return Done{};
}

Result<qint64> TakesIndex::lastUnsettled() const
{
    ensureOpen();
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("SELECT max(rowid) FROM unsettled")) || !query.next())
        return sqlError(QStringLiteral("reading the takes waiting in %1").arg(path()), query.lastError());
    return query.value(0).toLongLong();
}

Status TakesIndex::settle(qint64 upTo)
{
    if (upTo <= 0)
        return Done{};
    // Synced (TakesIndex.h). One sync a settle, on the settler's thread while takes pause.
    return transaction([&](QSqlDatabase &db) -> Status {
        QSqlQuery *query = preparedQuery(db, QStringLiteral("DELETE FROM unsettled WHERE rowid <= ?"));
        if (!query)
            return unwritable();
        query->bindValue(0, upTo);
        if (!query->exec())
            return sqlError(QStringLiteral("settling the takes index %1").arg(path()), query->lastError());
        query->finish();
        return Done{};
    }, /*synced=*/true);
}

QStringList TakesIndex::unsettledWithoutRows() const
{
    ensureOpen();
    return secondColumnByName<QString>(
               connection(), QStringLiteral("SELECT unsettled.file_name, unsettled.file_name FROM unsettled "
                                            "LEFT JOIN parts ON parts.file_name = unsettled.file_name "
                                            "WHERE parts.file_name IS NULL"))
        .keys();
}

QHash<QString, QByteArray> TakesIndex::unsettledParts() const
{
    ensureOpen();
    return secondColumnByName<QByteArray>(
        connection(), QStringLiteral("SELECT unsettled.file_name, unsettled.bytes FROM unsettled "
                                     "JOIN parts ON parts.file_name = unsettled.file_name ORDER BY unsettled.rowid"));
}

void TakesIndex::removeWithLaterInsert(const QStringList &names)
{
    if (deferRemovals(names) >= kMaxDeferredRemovals)
        removeDeferredNow();
}

Status TakesIndex::removeDeferredNow()
{
    if (deferredRemovals() == 0)
        return Done{};
    QStringList taken;
    return transaction([&](QSqlDatabase &db) {
        taken = takeDeferredRemovals();   // under the write lock, as insert() takes them
        return deleteRows(db, taken);
    }, /*synced=*/false, [&] { deferRemovals(taken); });
}

qsizetype TakesIndex::deferRemovals(const QStringList &names)
{
    QMutexLocker lock(&m_deferredMutex);
    m_deferredRemovals.append(names);
    return m_deferredRemovals.size();
}

// The removals an insert of `parts` carries: none until kRemovalsPerInsert wait. A name the
// insert writes again leaves the waiting list, so its new row is never removed with the old.
TakesIndex::DeferredRemovals TakesIndex::takeDeferredRemovalsFor(const QList<IndexedPart> &parts)
{
    QMutexLocker lock(&m_deferredMutex);
    if (m_deferredRemovals.isEmpty())
        return {};
    DeferredRemovals carried;
    for (const IndexedPart &part : parts) {
        if (m_deferredRemovals.removeAll(part.metadata.fileName) > 0)
            carried.rewritten.append(part.metadata.fileName);
    }
    if (m_deferredRemovals.size() >= kRemovalsPerInsert)
        carried.removed = std::exchange(m_deferredRemovals, {});
    return carried;
}

qsizetype TakesIndex::deferredRemovals() const
{
    QMutexLocker lock(&m_deferredMutex);
    return m_deferredRemovals.size();
}

QStringList TakesIndex::takeDeferredRemovals()
{
    QMutexLocker lock(&m_deferredMutex);
    return std::exchange(m_deferredRemovals, {});
}

Status TakesIndex::deleteRows(const QSqlDatabase &db, const QStringList &names) const
{
    if (names.isEmpty())
        return Done{};
    QSqlQuery *query = preparedQuery(db, QStringLiteral("DELETE FROM parts WHERE file_name = ?"));
    if (!query)
        return unwritable();
    for (const QString &name : names) {
        query->bindValue(0, name);
        if (!query->exec())
            return sqlError(QStringLiteral("removing %1 from the takes index").arg(name), query->lastError());
    }
    query->finish();
    return Done{};
}

Status TakesIndex::remove(const QStringList &names, bool synced)
{
    if (names.isEmpty())
        return Done{};
    return transaction([&](QSqlDatabase &db) { return deleteRows(db, names); }, synced);
}

// BEGIN and COMMIT as statements prepared once per connection: QSqlDatabase::transaction() and
// commit() have Qt's driver prepare each of them again for every transaction (4 % of a take's
// instructions, callgrind).
std::optional<QSqlError> TakesIndex::execPrepared(const QSqlDatabase &db, const QString &statement) const
{
    QSqlQuery *query = preparedQuery(db, statement);
    if (!query)
        return QSqlError(QStringLiteral("cannot prepare %1").arg(statement), {}, QSqlError::StatementError);
    const bool done = query->exec();
    const QSqlError error = query->lastError();
    query->finish();
    return done ? std::nullopt : std::optional<QSqlError>(error);
}

QSqlQuery *TakesIndex::preparedQuery(const QString &statement) const
{
    return preparedQuery(connection(), statement);
}

QSqlQuery *TakesIndex::preparedQuery(const QSqlDatabase &db, const QString &statement) const
{
    std::unique_ptr<QSqlQuery> &query = threadConnections().localData()->prepared[db.connectionName()][statement];
    if (!query) {
        query = std::make_unique<QSqlQuery>(db);
        query->setForwardOnly(true);   // rows read once, in order: Qt keeps no copy of them
        if (!query->prepare(statement))
            query.reset();
    }
    return query.get();
}

std::optional<IndexedPart> TakesIndex::find(const QString &fileName) const
{
    ensureOpen();
    QSqlQuery *query = preparedQuery(kSelectPart);
    if (!query)
        return std::nullopt;
    query->bindValue(0, fileName);
    std::optional<IndexedPart> part;
    if (query->exec() && query->next())
        part = partFrom(*query, fileName);
    query->finish();   // the read ends here, so a checkpoint never waits for it
    return part;
}

QHash<QString, MetadataText> TakesIndex::metadataTexts(const QStringList &fileNames) const
{
    QHash<QString, MetadataText> parts;
    if (fileNames.isEmpty())
        return parts;
    ensureOpen();
    QSqlQuery *query = preparedQuery(selectTexts());
    if (!query)
        return parts;
    parts.reserve(fileNames.size());
    for (qsizetype first = 0; first < fileNames.size(); first += kRowsPerQuery) {
        for (qsizetype i = 0; i < kRowsPerQuery; ++i) {
            // NULL matches no row: a last, shorter batch leaves the rest of the list empty.
            const qsizetype at = first + i;
            query->bindValue(static_cast<int>(i), at < fileNames.size() ? QVariant(fileNames[at]) : QVariant());
        }
        if (query->exec()) {
            while (query->next()) {
                const QString name = query->value(kFileNameColumn).toString();
                if (std::optional<MetadataText> text = textFrom(*query, name))
                    parts.insert(name, std::move(*text));
            }
        }
        query->finish();   // as find(): no read left open
    }
    return parts;
}

QHash<QString, QString> TakesIndex::takesByName() const
{
    ensureOpen();
    return secondColumnByName<QString>(connection(), QStringLiteral("SELECT file_name, take FROM parts"));
}

QHash<QString, QByteArray> TakesIndex::digestsByName() const
{
    ensureOpen();
    return secondColumnByName<QByteArray>(connection(),
                                          QStringLiteral("SELECT file_name, digest FROM parts WHERE digest IS NOT NULL"));
}

std::optional<FileMetadata> TakesIndex::readBeside(const QString &midiPath)
{
    const QFileInfo midi(midiPath);
    const QString database = midi.dir().filePath(QLatin1String(kFileName));
    if (!QFileInfo(database).isFile())
        return std::nullopt;
    const QString name = QStringLiteral("aiband-takes-read-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    std::optional<IndexedPart> part;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(kDriver, name);
        db.setDatabaseName(database);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=1000"));
        if (db.open()) {
            QSqlQuery query(db);
            query.prepare(kSelectMetadata);
            query.addBindValue(midi.fileName());
            if (query.exec() && query.next())
                part = partFrom(query, midi.fileName());
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!part)
        return std::nullopt;
    return part->metadata;
}

} // namespace aiband
