#include "FileStore.h"

#include "GroupCommit.h"
#include "RenameNoReplace.h"

#include "logging/LogCategories.h"
#include "music/Key.h"
#include "music/Meter.h"
#include "music/MidiFile.h"
#include "music/MidiReader.h"
#include "music/TrackType.h"
#include "util/IsoTime.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QScopeGuard>

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <utility>
#include <vector>

namespace aiband {
namespace {

// Named, but not all of them: a folder far over the limit, or emptied by hand, can lose
// thousands at once, and one log line of them helps nobody.
QString namedForLog(const QStringList &names)
{
    constexpr qsizetype kNamed = 10;
    QString text = names.mid(0, kNamed).join(QStringLiteral(", "));
    if (names.size() > kNamed)
        text += QStringLiteral(" and %1 more").arg(names.size() - kNamed);
    return text;
}

// Any part's word, as the part registry names them.
QString partAlternatives()
{
    QStringList words;
    for (const QString &name : trackTypeNames())
        words.append(QRegularExpression::escape(name));
    return words.join(QLatin1Char('|'));
}

// The name itself, without anchors, so the leftover patterns below can build on it.
const QString &nameBody()
{
    static const QString body = QStringLiteral("\\d{8}-\\d{6}-\\d{3}_(?:%1)_[A-G][sb]?m?_\\d{2,3}_[0-9a-f]{6}\\.mid")
                                    .arg(partAlternatives());
    return body;
}

const QRegularExpression &namePattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(nameBody()));
    return pattern;
}

// What an interrupted write leaves: our own hidden ".<name>.partial", and what versions before
// the takes index left: QSaveFile's temporary "<name>.XXXXXX", and the same for a sidecar.
const QRegularExpression &leftoverPattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("\\.%1(?:\\.json)?\\.partial|%1(?:\\.json)?\\.[A-Za-z0-9]{6}")
                                                .arg(nameBody())));
    return pattern;
}

// A part written aside, not yet renamed into place; captures the part's name.
const QRegularExpression &partialPattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("\\.(") + nameBody() + QStringLiteral(")\\.partial")));
    return pattern;
}

const QRegularExpression &sidecarPattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("(") + nameBody() + QStringLiteral(")\\.json")));
    return pattern;
}

// {time}_{part}_{key}_{tempo}_{random}.mid
QString makeName(const QString &timestamp, const FileNaming &naming)
{
    const QString suffix = QString::number(QRandomGenerator::global()->bounded(0x1000000) | 0x1000000, 16).mid(1);
    return timestamp + QLatin1Char('_') + naming.trackType + QLatin1Char('_') + naming.keyToken + QLatin1Char('_')
           + QString::number(naming.tempoBpm) + QLatin1Char('_') + suffix + QLatin1String(".mid");
}

QByteArray digestOf(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// The folder's entries: fsync on the folder itself.
QString syncFolderAt(const QString &directory)
{
    const int folder = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0)
        return qt_error_string(errno);
    const int synced = ::fsync(folder);
    const int error = errno;
    ::close(folder);
    return synced == 0 ? QString() : qt_error_string(error);
}

// Everything written to the file system that holds the folder `handle` is open on, in one sync
// (Linux's syncfs: one flush of the disk for every take settled at once, where a sync of each
// file was one flush each); elsewhere, everything.
QString syncFileSystemOf(int handle)
{
#ifdef Q_OS_LINUX
    return ::syncfs(handle) == 0 ? QString() : qt_error_string(errno);
#else
    Q_UNUSED(handle);
    ::sync();
    return {};
#endif
}

} // namespace

// All of `bytes` from the start of the open file `handle`, which is cut to their size when `cut`
// (a spare's older, longer bytes), and its modification time after. Straight to the descriptor:
// through QFile a part cost four more system calls (its open's fstat, a statx for the time, a
// seek before and after the write), each a microsecond or more on the VMs measured
// (docs/BENCHMARKS.md, "Fewer system calls per part").
FileStore::WrittenPart FileStore::writeWhole(int handle, const QByteArray &bytes, bool cut)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t wrote = ::write(handle, data, static_cast<size_t>(left));
        if (wrote < 0 && errno == EINTR)
            continue;
        if (wrote <= 0)
            return {qt_error_string(wrote < 0 ? errno : ENOSPC), {}};
        data += wrote;
        left -= wrote;
    }
    if (cut && ::ftruncate(handle, bytes.size()) != 0)
        return {qt_error_string(errno), {}};
    struct stat status {};
    if (::fstat(handle, &status) != 0)
        return {qt_error_string(errno), {}};
    const qint64 ms = qint64(status.st_mtim.tv_sec) * 1000 + status.st_mtim.tv_nsec / 1'000'000;
    return {QString(), QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)};
}

// Qt reports why a write failed only as the system's text for errno; these texts are the ones
// that mean "no room": a full disk, an exhausted quota, a file size limit.
bool FileStore::isOutOfSpace(const QString &error)
{
    for (int code : {ENOSPC, EDQUOT, EFBIG}) {
        if (error.contains(qt_error_string(code), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// errno when the system said it: Qt's own text is often just "Unknown error" for a failed write.
QString FileStore::failureText(const QFileDevice &file, int systemError)
{
    return systemError != 0 ? qt_error_string(systemError) : file.errorString();
}

FileStore::FileStore(QString directory, bool durable)
    : m_directory(QDir::cleanPath(std::move(directory))), m_durable(durable), m_takes(m_directory, durable),
      m_spares(m_directory),
      m_commits(std::make_unique<GroupCommit<PendingTake>>([this](const QList<PendingTake *> &batch) { commitRound(batch); })),
      m_index(QDir(m_directory).absolutePath()), m_settler([this] { settle(); }, kSettleQuiet, kSettleLongest)
{
}

FileStore::~FileStore() = default;

Status FileStore::settle()
{
    QMutexLocker settling(&m_settleMutex);   // a later settle's watermark may not pass an earlier one's sync
    const QSet<QString> names = [this] {
        QMutexLocker lock(&m_unsettledMutex);
        return m_unsettled;
    }();
    const auto forget = [&] {
        QMutexLocker lock(&m_unsettledMutex);
        m_unsettled.subtract(names);
    };
    const Result<qint64> last = m_takes.lastUnsettled();
    if (!last)
        return settleFailed(QStringLiteral("the takes index in %1 could not be read (%2)").arg(m_directory, last.error().message));
    const qint64 upTo = *last;
    if (upTo == 0) {   // nothing waits in the index (another store on this folder may have settled it)
        forget();
        replaceSettleProblem({});
        return Done{};
    }
    QString failed = m_syncHandle.open(m_directory);
    if (failed.isEmpty() && m_syncHook)
        failed = m_syncHook();
    if (failed.isEmpty())
        failed = syncFileSystemOf(m_syncHandle.handle());
    if (!failed.isEmpty()) {
        // The kernel reports a failed write once and then counts its pages as written: every
        // part waiting is written again from the index, and the next settle syncs it again.
        // Written over where they are, never made again: a part a trim took meanwhile keeps its
        // row and bytes until a later take's commit, and made again it would be a file nothing
        // lists (start-up, after a power cut, is where a missing part is made again).
        const QHash<QString, QByteArray> unsettled = m_takes.unsettledParts();
        for (auto it = unsettled.cbegin(); it != unsettled.cend(); ++it)
            restorePart(it.key(), it.value(), IfMissing::Skip);
        return settleFailed(QStringLiteral("the takes in %1 could not be synced (%2); their parts are written again "
                                           "from the takes index").arg(m_directory, failed));
    }
    // The files are on the disk, but their bytes stay in the index until it says so: tried again
    // like a failed sync, or they waited there (and every delete of theirs was a synced commit)
    // until a later take's settle or the next start.
    if (Status settled = m_takes.settle(upTo); !settled)
        return settleFailed(QStringLiteral("the takes in %1 are on the disk, but the takes index could not record it (%2)")
                                .arg(m_directory, settled.error().message));
    forget();
    if (!replaceSettleProblem({}).isEmpty())
        qCInfo(lcFiles).noquote() << "the takes in" << m_directory << "are synced again";
    return Done{};
}

// Said once, not at every retry; the session shows it as its storage problem until a settle succeeds.
Status FileStore::settleFailed(const QString &message)
{
    if (replaceSettleProblem(message) != message)
        qCWarning(lcFiles).noquote() << message;
    m_settler.retry();
    return makeError(QStringLiteral("write_failed"), message);
}

bool FileStore::isUnsettled(const QString &name) const
{
    QMutexLocker lock(&m_unsettledMutex);
    return m_unsettled.contains(name);
}

QString FileStore::settleProblem() const
{
    QMutexLocker lock(&m_unsettledMutex);
    return m_settleProblem;
}

QString FileStore::replaceSettleProblem(const QString &problem)
{
    QMutexLocker lock(&m_unsettledMutex);
    return std::exchange(m_settleProblem, problem);
}

void FileStore::setSyncHook(SyncHook hook)
{
    QMutexLocker settling(&m_settleMutex);
    m_syncHook = std::move(hook);
}

FileStore::FolderHandle::~FolderHandle()
{
    if (m_handle >= 0)
        ::close(m_handle);
}

QString FileStore::FolderHandle::open(const QString &folder)
{
    if (m_handle >= 0)
        return {};
    m_handle = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    return m_handle >= 0 ? QString() : qt_error_string(errno);
}

void FileStore::setSettleDelay(std::chrono::milliseconds delay)
{
    m_settler.setDelays(delay, delay);
}

quint64 FileStore::commitRounds() const
{
    return m_commits->batches();
}

bool FileStore::isStoreFileName(const QString &name)
{
    return namePattern().match(name).hasMatch();
}

QString FileStore::metadataDirectory() const
{
    return m_directory + QLatin1Char('/') + QLatin1String(kMetadataFolder);
}

QString FileStore::partialPath(const QString &name) const
{
    return m_directory + QStringLiteral("/.") + name + QStringLiteral(".partial");
}

Status FileStore::prepare()
{
    if (!QDir().mkpath(m_directory))
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("cannot create the files folder %1").arg(m_directory));
    if (const QString linked = linkedFolder(); !linked.isEmpty())
        return makeError(QStringLiteral("files_dir_unavailable"), linked);
    const QFileInfo info(m_directory);
    if (!info.isDir() || !info.isWritable())
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("the files folder %1 is not writable").arg(m_directory));
    const Result<TakesIndex::Opened> opened = m_takes.open();
    if (!opened)
        return opened.error();
    if (Status restored = restoreUnsettledParts(); !restored)
        return restored;
    removeLeftovers();
    migrateSidecars();
    const QList<StoredFile> files = scanFolder();
    indexUnknownFiles(files, *opened != TakesIndex::Opened::Existing);
    QMutexLocker lock(&m_indexMutex);
    m_index.clear();
    for (const StoredFile &file : files)
        m_index.insert(file.name, file.sizeBytes, file.modified);
    m_indexed = true;
    return Done{};
}

// Every file gets a row (one rebuilt from the file when the index was lost, damaged, or the file
// was put here by hand), and rows whose file is gone (deleted while the app was not running, or
// a delete cut short between the unlink and the row) leave.
void FileStore::indexUnknownFiles(const QList<StoredFile> &files, bool rebuilding)
{
    QHash<QString, QString> rows = m_takes.takesByName();
    QList<IndexedPart> rebuilt;
    for (const StoredFile &file : files) {
        if (!rows.remove(file.name))
            rebuilt.append(rebuiltPart(file));
    }
    if (!rebuilt.isEmpty()) {
        if (Status indexed = m_takes.insert(rebuilt); !indexed)
            qCWarning(lcFiles).noquote() << "could not index" << rebuilt.size() << "files:" << indexed.error().message;
        else if (rebuilding)
            qCWarning(lcFiles).noquote() << "takes index rebuilt from" << rebuilt.size()
                                         << "MIDI files: their requests are unknown, so they cannot be regenerated";
        else
            qCInfo(lcFiles).noquote() << "indexed" << rebuilt.size() << "files from their MIDI data alone";
    }
    if (!rows.isEmpty())
        forgetRows(rows.keys());
}

// What a file says of itself: its name's fields, and the tempo and length its MIDI data gives.
IndexedPart FileStore::rebuiltPart(const StoredFile &file) const
{
    FileMetadata metadata;
    metadata.fileName = file.name;
    metadata.trackType = partOf(file.name);
    metadata.key = Key::nameFromFileNameToken(nameField(file.name, 2).toString());
    metadata.tempoBpm = nameField(file.name, 3).toDouble();
    metadata.created = file.modified.toUTC();
    QFile midi(file.path);
    if (midi.open(QIODevice::ReadOnly)) {
        if (const Result<MidiSong> song = readMidiFile(midi.readAll())) {
            // Stored as microseconds per quarter note: 97 BPM reads back as 96.99995.
            metadata.tempoBpm = std::round(song->tempoBpm * 100.0) / 100.0;
            const double barTicks = song->timeSignature.beatsPerBar() * kTicksPerQuarter;
            metadata.bars = barTicks > 0 ? static_cast<double>(song->endTick) / barTicks : 0.0;
        }
    }
    return IndexedPart{metadata, file.name, /*recovered=*/true, {}};
}

// The store's own folders must be folders, not links: a takes or metadata folder replaced by a
// link would send every write somewhere else. Checked before each write (one stat each).
QString FileStore::linkedFolder() const
{
    if (QFileInfo(m_directory).isSymLink())
        return QStringLiteral("%1 is a link, not a folder; remove it and the server makes the folder again").arg(m_directory);
    return {};
}

QStringList FileStore::removeLeftovers()
{
    m_spares.removeAll();   // an earlier run's: nothing knows them, and they hold old bytes
    const QDir::Filters filters = QDir::Files | QDir::Hidden | QDir::System;
    QDir folder(m_directory);
    const QStringList entries = folder.entryList(filters);
    QSet<QString> partials;
    for (const QString &name : entries) {
        if (const QRegularExpressionMatch partial = partialPattern().match(name); partial.hasMatch())
            partials.insert(partial.captured(1));
    }
    QStringList removed = finishInterruptedTakes(partials);
    for (const QString &name : entries) {
        if (leftoverPattern().match(name).hasMatch() && folder.remove(name))
            removed.append(name);
    }
    if (!removed.isEmpty())
        qCInfo(lcFiles).noquote() << "removed" << removed.size() << "leftovers of an interrupted run:"
                                  << removed.join(QStringLiteral(", "));
    return removed;
}

// Durable takes committed but not settled when the last run ended: a kill leaves their files whole,
// a power cut may have left one short, empty or gone (its bytes were in the disk's cache only).
// Each part is made to hold the bytes its take committed, in its own file where it has one (so
// the links to it in the watched folders hold them too) and in its place; a part whose row is
// gone (removed) leaves with what a cut left of it; then all is settled. A part that cannot be
// restored (a full disk) stops the start, its bytes kept for the next: nothing is dropped.
Status FileStore::restoreUnsettledParts()
{
    for (const QString &name : m_takes.unsettledWithoutRows()) {
        QFile::remove(m_directory + QLatin1Char('/') + name);
        QFile::remove(partialPath(name));
    }
    const QHash<QString, QByteArray> unsettled = m_takes.unsettledParts();
    if (unsettled.isEmpty()) {
        settle();   // the bytes of removed parts; on a failure the settler tries again
        return Done{};
    }
    m_spares.removeAll();   // an earlier run's: their room may be needed here
    QStringList restored;
    for (auto it = unsettled.cbegin(); it != unsettled.cend(); ++it) {
        if (holdsBytes(m_directory + QLatin1Char('/') + it.key(), it.value())
            || (!QFileInfo::exists(m_directory + QLatin1Char('/') + it.key()) && holdsBytes(partialPath(it.key()), it.value())))
            continue;
        if (const QString error = restorePart(it.key(), it.value()); !error.isEmpty()) {
            const Error failure = writeError(it.key(), error);
            return makeError(failure.code, QStringLiteral("%1 (restoring a take a power cut left short from the takes index "
                                                          "%2; nothing is lost: it is restored at the next start)")
                                                .arg(failure.message, m_takes.path()));
        }
        restored.append(it.key());
    }
    if (!restored.isEmpty())
        qCWarning(lcFiles).noquote() << "restored" << restored.size() << "parts an interruption had cut short from the takes index:"
                                     << restored.join(QStringLiteral(", "));
    {
        QMutexLocker lock(&m_unsettledMutex);
        for (auto it = unsettled.cbegin(); it != unsettled.cend(); ++it)
            m_unsettled.insert(it.key());
    }
    settle();   // on a failure the settler tries again
    return Done{};
}

bool FileStore::holdsBytes(const QString &path, const QByteArray &bytes)
{
    if (QFileInfo(path).isSymLink())
        return false;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.size() == bytes.size() && file.readAll() == bytes;
}

// Its file written over (the same file: a watched folder's link to it shows the bytes too), or,
// where the name is gone and `missing` is Make, made again under its hidden name and renamed into
// place.
QString FileStore::restorePart(const QString &name, const QByteArray &bytes, IfMissing missing)
{
    const QString placed = m_directory + QLatin1Char('/') + name;
    constexpr int kFlags = O_WRONLY | O_NOFOLLOW | O_CLOEXEC;
    // Opened, not looked at first: a trim renaming the part away in between leaves nothing to
    // open (or, once open, the bytes go to the spare it became, which is written over anyway).
    // While takes run (Skip), a part committed but not renamed yet is under its hidden name, which
    // its take's rename moves to `placed`, never back: opened in that order, the part is found
    // under one or the other, and its take renames the restored bytes into place. At start
    // (Make), hidden parts are already finished (finishInterruptedTakes()).
    int handle = -1;
    if (missing == IfMissing::Skip)
        handle = ::open(QFile::encodeName(partialPath(name)).constData(), kFlags);
    if (handle < 0)
        handle = ::open(QFile::encodeName(placed).constData(), kFlags);
    if (handle >= 0) {
        const QString error = writeWhole(handle, bytes, /*cut=*/true).error;
        ::close(handle);
        return error;
    }
    if (missing == IfMissing::Skip && errno == ENOENT)
        return {};
    if (errno != ENOENT && errno != ELOOP)
        return qt_error_string(errno);
    // Made again as a take's part is made (a link planted under either name is removed, not followed).
    QFile::remove(placed);
    if (const QString error = writeAside(partialPath(name), bytes).error; !error.isEmpty())
        return error;
    return placeParts({name});
}

// A take whose rows were committed but whose renames did not all happen (the process was killed
// between the two) is finished: every part is either in place or still whole under its hidden
// name. One that lost a part (a power cut took a name that was never synced) is removed whole,
// rows and files, so no half take survives. Returns the files removed.
QStringList FileStore::finishInterruptedTakes(const QSet<QString> &partials)
{
    if (partials.isEmpty())
        return {};
    const QHash<QString, QString> takeOf = m_takes.takesByName();
    const QHash<QString, QByteArray> digests = m_takes.digestsByName();
    QHash<QString, QStringList> partsOf;
    for (auto it = takeOf.cbegin(); it != takeOf.cend(); ++it)
        partsOf[it.value()].append(it.key());
    QSet<QString> interrupted;
    for (const QString &name : partials) {
        if (takeOf.contains(name))
            interrupted.insert(takeOf.value(name));
    }
    QStringList removed;
    for (const QString &take : std::as_const(interrupted)) {
        const QStringList parts = partsOf.value(take);
        const auto placed = [&](const QString &name) { return QFileInfo::exists(m_directory + QLatin1Char('/') + name); };
        // A durable take's rows are committed while its parts are synced: after a power cut a
        // hidden part may be empty or short, so it must still hold the bytes its row names. A part
        // in place was renamed only after its sync.
        const bool whole = std::all_of(parts.cbegin(), parts.cend(), [&](const QString &name) {
            return placed(name) || (partials.contains(name) && holdsItsBytes(name, digests.value(name)));
        });
        QString stuck;   // a part that would not go into place: the take is removed whole too
        if (whole) {
            for (const QString &name : parts) {
                if (!placed(name) && !renameNoReplace(partialPath(name), m_directory + QLatin1Char('/') + name)) {
                    const int why = errno;
                    stuck = name + QStringLiteral(": ") + qt_error_string(why);
                    break;
                }
            }
            if (stuck.isEmpty()) {
                qCInfo(lcFiles).noquote() << "finished the take" << take << "an interrupted run had committed";
                continue;
            }
        }
        for (const QString &name : parts) {
            QFile::remove(partialPath(name));
            if (QFile::remove(m_directory + QLatin1Char('/') + name))
                removed.append(name);
        }
        forgetRows(parts);
        if (stuck.isEmpty())
            qCWarning(lcFiles).noquote() << "removed the take" << take << "which lost a part in an interruption";
        else
            qCWarning(lcFiles).noquote() << "removed the take" << take << "an interrupted run had committed: a part "
                                         << "could not be put in place (" + stuck + ")";
    }
    if (!interrupted.isEmpty())
        syncFolder();
    return removed;
}

bool FileStore::holdsItsBytes(const QString &name, const QByteArray &digest) const
{
    if (digest.isEmpty())   // a row of version 1: its part was synced before its row
        return true;
    QFile part(partialPath(name));
    return part.open(QIODevice::ReadOnly) && digestOf(part.readAll()) == digest;
}

// Sidecars of versions before the takes index: read into it in one transaction, then removed
// (all of them, with the folder, only once that has committed, so no metadata is ever lost).
void FileStore::migrateSidecars()
{
    const QFileInfo folder(metadataDirectory());
    if (folder.isSymLink()) {
        // Never followed: a link here was not made by this app.
        QFile::remove(metadataDirectory());
        return;
    }
    if (!folder.isDir())
        return;
    QDir sidecars(metadataDirectory());
    QList<IndexedPart> parts;
    for (const QString &name : sidecars.entryList(QDir::Files)) {
        const QRegularExpressionMatch sidecar = sidecarPattern().match(name);
        const QFileInfo info(sidecars.filePath(name));
        if (!sidecar.hasMatch() || info.isSymLink() || info.size() > 4 * 1024 * 1024
            || !QFileInfo::exists(m_directory + QLatin1Char('/') + sidecar.captured(1)))
            continue;
        QFile file(info.filePath());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const std::optional<FileMetadata> metadata = FileMetadata::fromJson(QJsonDocument::fromJson(file.readAll()).object());
        if (metadata && metadata->fileName == sidecar.captured(1))
            parts.append(IndexedPart{*metadata, metadata->fileName, false, {}});
    }
    if (Status indexed = m_takes.insert(parts); !indexed) {
        qCWarning(lcFiles).noquote() << "could not move the old sidecars of" << metadataDirectory()
                                     << "into the takes index; they stay for the next start:" << indexed.error().message;
        return;
    }
    if (!sidecars.removeRecursively()) {
        qCWarning(lcFiles).noquote() << "could not remove the old sidecars folder" << metadataDirectory();
        return;
    }
    qCInfo(lcFiles).noquote() << "moved" << parts.size() << "metadata sidecars into the takes index" << m_takes.path();
}

void FileStore::adopt(const QString &name, const QString &oldSidecar)
{
    const std::optional<StoredFile> file = describe(name);
    if (!isStoreFileName(name) || !file)
        return;
    IndexedPart part = rebuiltPart(*file);
    QFile sidecar(oldSidecar);
    if (!QFileInfo(oldSidecar).isSymLink() && sidecar.open(QIODevice::ReadOnly)) {
        const std::optional<FileMetadata> metadata = FileMetadata::fromJson(QJsonDocument::fromJson(sidecar.readAll()).object());
        if (metadata && metadata->fileName == name)
            part = IndexedPart{*metadata, name, false, {}};
        sidecar.close();
    }
    if (Status indexed = m_takes.insert({part}); !indexed) {
        qCWarning(lcFiles).noquote() << "could not index" << name << ":" << indexed.error().message;
        return;
    }
    QFile::remove(oldSidecar);
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    m_index.insert(file->name, file->sizeBytes, file->modified);
}

Error FileStore::writeError(const QString &name, const QString &error) const
{
    if (isOutOfSpace(error))
        return makeError(QStringLiteral("insufficient_storage"),
                         QStringLiteral("the files folder %1 has no room for %2 (%3); free some disk space or lower "
                                        "plugin.max_files").arg(m_directory, name, error));
    return makeError(QStringLiteral("write_failed"),
                     QStringLiteral("could not write %1 in %2: %3").arg(name, m_directory, error));
}

Error FileStore::indexError(const Error &error) const
{
    if (error.code == QLatin1String("insufficient_storage"))
        return makeError(QStringLiteral("insufficient_storage"),
                         QStringLiteral("the files folder %1 has no room for the takes index (%2); free some disk space or "
                                        "lower plugin.max_files").arg(m_directory, error.message));
    return makeError(QStringLiteral("write_failed"),
                     QStringLiteral("could not index the take in %1: %2").arg(m_directory, error.message));
}

// A name no take being written has and no file the store knows: looked up in the store's own
// list, not on disk (a path walk per part). A file put there by hand under the very name is not
// replaced either: placeParts() never renames over a file. Reserved until the take is indexed or
// given up (releaseNames()), or a client deletes the part first (removeFile()).
QStringList FileStore::reserveNames(const QList<TakePart> &parts)
{
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    QStringList names;
    const QString timestamp = compactTimeWithMs(QDateTime::currentDateTime());   // the take's parts share it
    for (const TakePart &part : parts) {
        QString name;
        do
            name = makeName(timestamp, part.naming);
        while (m_reserved.contains(name) || m_index.contains(name));
        m_reserved.insert(name);
        names.append(name);
    }
    return names;
}

void FileStore::releaseNames(const QStringList &names)
{
    QMutexLocker lock(&m_indexMutex);
    for (const QString &name : names)
        m_reserved.remove(name);
}

Result<StoredFile> FileStore::write(const FileNaming &naming, const QByteArray &bytes,
                                    std::optional<FileMetadata> metadata)
{
    Result<QList<StoredFile>> take = writeTake({TakePart{naming, bytes, std::move(metadata)}});
    if (!take)
        return take.error();
    unpin(take->first().name);
    return take->first();
}

Result<QList<StoredFile>> FileStore::writeTake(QList<TakePart> parts)
{
    const QStringList names = reserveNames(parts);
    // Pinned before a trim can see them (they join m_index below): a trim on another thread
    // between this return and a pin of the caller's took the newest parts when every older one
    // was pinned (a small plugin.max_files), and a half take was published.
    for (const QString &name : names)
        pin(name);
    auto unpinUnlessWritten = qScopeGuard([&] {   // a failure, or an exception on the way
        for (const QString &name : names)
            unpin(name);
    });
    const auto discard = [&] {
        for (const QString &name : names)
            QFile::remove(partialPath(name));
        releaseNames(names);
    };
    QString error = linkedFolder();
    QString failedName = names.value(0);
    QList<QDateTime> written;   // each part's modification time, from its open file (no path walk)
    for (qsizetype i = 0; i < parts.size() && error.isEmpty(); ++i) {
        const WrittenPart part = writeAside(partialPath(names[i]), parts[i].bytes);
        error = part.error;
        written.append(part.modified);
        failedName = names[i];
    }
    std::optional<Error> failure;
    if (!error.isEmpty())
        failure = writeError(failedName, error);
    // The take's commit: its rows, in one transaction (with durable writes with its parts' bytes,
    // synced, and maybe other takes'). A kill after it leaves parts that removeLeftovers() renames
    // into place; a kill before it leaves only hidden files it removes.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!failure)
        failure = commit(rowsOf(parts, names));
    if (!failure) {
        // Not synced: the committed rows and bytes are the take; a rename a power cut takes is done
        // again at the next start (restoreUnsettledParts(), finishInterruptedTakes()). The settle
        // is due from here, so the renames (and the links publishing makes) go with it.
        if (m_placingHook)
            m_placingHook(PlacingStage::BeforeRenames, names);
        qsizetype placed = 0;
        error = placeParts(names, &placed);
        if (m_placingHook)
            m_placingHook(PlacingStage::AfterRenames, names);
        if (m_durable)
            m_settler.committed();
        if (!error.isEmpty()) {
            for (const QString &name : names.first(placed))
                QFile::remove(m_directory + QLatin1Char('/') + name);
            forgetRows(names);
            failure = writeError(names.first(), error);
        }
    }
    if (failure) {
        discard();
        qCWarning(lcFiles).noquote() << failure->message;
        return *failure;
    }
    qCDebug(lcFiles) << "wrote the take" << names;
    // Described from what was written: the store made these files under its own names in its
    // own folder (describe()'s stat and path resolution cost 13 system calls per part).
    QList<StoredFile> stored;
    const QDir folder(m_directory);
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    for (qsizetype i = 0; i < names.size(); ++i) {
        const QDateTime modified = written.value(i).isValid() ? written.value(i) : now;
        const StoredFile file = entry(folder.absoluteFilePath(names[i]), parts[i].bytes.size(), modified);
        // A client may have deleted it between its rename and here (it is listed as soon as it is
        // in place): it was written, and the deletion stands, so it is not indexed again;
        // publishing leaves a part deleted meanwhile out (python_churn found both races). A
        // delete takes the name out of m_reserved under this lock after its unlink (removeFile()),
        // so a name still reserved was not deleted, or is erased by that delete right after this,
        // without a look at the disk per part.
        if (m_reserved.remove(file.name))
            m_index.insert(file.name, file.sizeBytes, file.modified);
        stored.append(file);
    }
    unpinUnlessWritten.dismiss();   // the caller's now
    return stored;
}

QList<IndexedPart> FileStore::rowsOf(const QList<TakePart> &parts, const QStringList &names) const
{
    QList<IndexedPart> rows;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const StoredFile described = entry(m_directory + QLatin1Char('/') + names[i], parts[i].bytes.size(), now);
        IndexedPart row = parts[i].metadata ? IndexedPart{*parts[i].metadata, names.first(), false, {}} : rebuiltPart(described);
        row.take = names.first();
        row.metadata.fileName = names[i];
        if (!row.metadata.created.isValid())
            row.metadata.created = now;
        // Only start-up after a power cut needs them (a part may then be short or gone); without
        // durable writes nothing is promised for a power cut, and a kill leaves every part whole.
        if (m_durable)
            row.bytes = parts[i].bytes;
        row.texts = parts[i].texts;
        rows.append(row);
    }
    return rows;
}

std::optional<Error> FileStore::commit(const QList<IndexedPart> &rows)
{
    if (!m_durable) {
        // Nothing waits for the disk, so nothing is gained by waiting for company.
        if (Status indexed = m_takes.insert(rows); !indexed)
            return indexError(indexed.error());
        return std::nullopt;
    }
    PendingTake take{rows, std::nullopt};
    m_commits->commit(take);
    if (take.failure)
        return take.failure;
    QMutexLocker lock(&m_unsettledMutex);
    for (const IndexedPart &row : rows)
        m_unsettled.insert(row.metadata.fileName);
    return std::nullopt;
}

// Every take of the batch in one transaction of the index, synced: their rows and their parts'
// bytes reach the disk with one sync of the journal (where a sync of every part and the folder
// was four flushes of the disk for a take alone). The files follow at the next settle().
void FileStore::commitRound(const QList<PendingTake *> &batch)
{
    QList<IndexedPart> rows;
    for (const PendingTake *take : batch)
        rows.append(take->rows);
    if (Status indexed = m_takes.insert(rows); !indexed) {
        for (PendingTake *take : batch)
            take->failure = indexError(indexed.error());
    }
}

// Never over a file already there: a name something took meanwhile fails the take instead of
// replacing that file. `placed`, when given, counts the parts renamed.
QString FileStore::placeParts(const QStringList &names, qsizetype *placed)
{
    for (const QString &name : names) {
        errno = 0;
        if (!renameNoReplace(partialPath(name), m_directory + QLatin1Char('/') + name))
            return errno == EEXIST ? QStringLiteral("a file named %1 is already there").arg(name) : qt_error_string(errno);
        if (placed)
            ++*placed;
    }
    return {};
}

QString FileStore::syncFolder() const
{
    if (!m_durable)
        return {};
    return syncFolderAt(m_directory);
}

FileStore::WrittenPart FileStore::writeAside(const QString &path, const QByteArray &bytes)
{
    if (std::optional<WrittenPart> spare = writeIntoSpare(path, bytes))
        return *spare;
    // Under a hidden name beside the target, so a plugin watching for *.mid never sees half a
    // file. Made new (O_CREAT | O_EXCL), so a link planted under this name is never followed: it
    // is removed (the link, not its target) and refused if it comes back.
    const QByteArray encoded = QFile::encodeName(path);
    constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC;
    int handle = ::open(encoded.constData(), kFlags, 0666);
    if (handle < 0 && errno == EEXIST) {   // only then: an unlink per part was a system call per part
        ::unlink(encoded.constData());
        handle = ::open(encoded.constData(), kFlags, 0666);
    }
    if (handle < 0)
        return {qt_error_string(errno), {}};
    WrittenPart written = writeWhole(handle, bytes, /*cut=*/false);
    ::close(handle);
    return written;
}

// Written over from its start and then cut to the new size, so the spare's block is used again
// rather than freed and another allocated. nullopt when there was no spare to reuse.
std::optional<FileStore::WrittenPart> FileStore::writeIntoSpare(const QString &path, const QByteArray &bytes)
{
    const std::optional<int> handle = m_spares.reuse(path);
    if (!handle)
        return std::nullopt;
    WrittenPart written = writeWhole(*handle, bytes, /*cut=*/true);
    ::close(*handle);
    return written;
}

std::optional<StoredFile> FileStore::describe(const QString &name) const
{
    const QFileInfo info(m_directory + QLatin1Char('/') + name);
    // A symlink could point out of the folder: only regular files directly inside are ours.
    if (!info.isFile() || info.isSymLink())
        return std::nullopt;
    // The same once every link on the way is resolved (the folder itself may be a link).
    if (info.canonicalPath() != QFileInfo(m_directory).canonicalFilePath())
        return std::nullopt;
    return entry(info.absoluteFilePath(), info.size(), info.lastModified());
}

StoredFile FileStore::entry(const QString &path, qint64 sizeBytes, const QDateTime &modified)
{
    StoredFile file;
    file.name = QFileInfo(path).fileName();
    file.path = path;
    file.sizeBytes = sizeBytes;
    file.modified = modified;
    file.trackType = partOf(file.name);
    return file;
}

QList<StoredFile> FileStore::scanFolder() const
{
    // One lstat per file, links left out, as describe() decides for one: resolving every file's
    // path (describe()'s canonical check) tripled the time of a folder of 100,000 files.
    QList<StoredFile> files;
    const QFileInfoList entries = QDir(m_directory).entryInfoList({QStringLiteral("*.mid")},
                                                                  QDir::Files | QDir::NoSymLinks, QDir::NoSort);
    for (const QFileInfo &info : entries) {
        if (isStoreFileName(info.fileName()))
            files.append(entry(info.absoluteFilePath(), info.size(), info.lastModified()));
    }
    return files;
}

void FileStore::ensureIndexed() const
{
    if (m_indexed)
        return;
    for (const StoredFile &file : scanFolder())
        m_index.insert(file.name, file.sizeBytes, file.modified);
    m_indexed = true;
}

QList<StoredFile> FileStore::list() const
{
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    return m_index.page(std::nullopt, m_index.size()).files;
}

FilePage FileStore::page(const std::optional<FileCursor> &after, qsizetype limit) const
{
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    return m_index.page(after, limit);
}

int FileStore::count() const
{
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    return static_cast<int>(m_index.size());
}

void FileStore::reconcile()
{
    const QList<StoredFile> onDisk = scanFolder();   // the slow part, without the lock
    QSet<QString> seen;
    seen.reserve(onDisk.size());
    QList<StoredFile> added;   // not known before: put here from outside, or restored
    QStringList erased;
    // In short holds of the lock, so a listing on the server's thread never waits long. What
    // differs is looked at again under the lock: a write or delete may have come since the scan.
    constexpr qsizetype kBatch = 1000;
    for (qsizetype first = 0; first < onDisk.size(); first += kBatch) {
        QMutexLocker lock(&m_indexMutex);
        ensureIndexed();
        for (const StoredFile &scanned : onDisk.mid(first, kBatch)) {
            seen.insert(scanned.name);
            const std::optional<StoredFile> known = m_index.find(scanned.name);
            if (known && known->sizeBytes == scanned.sizeBytes && known->modified == scanned.modified)
                continue;
            if (const std::optional<StoredFile> now = describe(scanned.name)) {
                m_index.insert(now->name, now->sizeBytes, now->modified);
                if (!known)
                    added.append(*now);
            } else if (m_index.erase(scanned.name)) {
                erased.append(scanned.name);
            }
        }
    }
    std::optional<FileCursor> after;
    do {
        QMutexLocker lock(&m_indexMutex);
        const FilePage batch = m_index.page(after, kBatch);
        for (const StoredFile &file : batch.files) {
            if (!seen.contains(file.name) && !describe(file.name) && m_index.erase(file.name))
                erased.append(file.name);
        }
        after = batch.next;
    } while (after);
    updateRows(added, erased);
}

// The index rows of what reconcile() found changed: a file from outside gets a row rebuilt from
// it (a take's own parts have theirs before they appear), a file gone loses its row.
void FileStore::updateRows(const QList<StoredFile> &added, const QStringList &erased)
{
    QList<IndexedPart> rebuilt;
    for (const StoredFile &file : added) {
        if (!m_takes.find(file.name))
            rebuilt.append(rebuiltPart(file));
    }
    if (Status indexed = m_takes.insert(rebuilt); !indexed)
        qCWarning(lcFiles).noquote() << "could not index files put into" << m_directory << ":" << indexed.error().message;
    forgetRows(erased);
}

QString FileStore::partOf(const QString &name)
{
    return nameField(name, 1).toString();
}

// What name.section('_', n, n) gives, without the list of sections it makes: a listing asks this
// for every file of its page (FileIndex::page(), the MIDI listing's key and tempo).
QStringView FileStore::nameField(QStringView name, int n)
{
    qsizetype from = 0;
    for (int i = 0; i < n; ++i) {
        from = name.indexOf(u'_', from);
        if (from < 0)
            return {};
        ++from;
    }
    const qsizetype to = name.indexOf(u'_', from);
    return to < 0 ? name.sliced(from) : name.sliced(from, to - from);
}

std::optional<Error> FileStore::checkFileName(const QString &name)
{
    if (isStoreFileName(name))
        return std::nullopt;
    return makeError(QStringLiteral("invalid_filename"),
                     QStringLiteral("not a file name this server creates; GET /api/files lists them"),
                     QStringLiteral("filename"));
}

Error FileStore::fileNotFound(const QString &name)
{
    return makeError(QStringLiteral("file_not_found"), QStringLiteral("no file named %1").arg(name),
                     QStringLiteral("filename"));
}

std::optional<StoredFile> FileStore::find(const QString &name) const
{
    if (!isStoreFileName(name))
        return std::nullopt;
    return describe(name);
}

std::optional<FileMetadata> FileStore::readMetadata(const QString &fileName) const
{
    if (!find(fileName))
        return std::nullopt;
    return readSidecar(fileName);
}

std::optional<FileMetadata> FileStore::readSidecar(const QString &fileName) const
{
    if (!isStoreFileName(fileName))
        return std::nullopt;
    const std::optional<IndexedPart> part = indexedPart(fileName);
    // A rebuilt row is not metadata anyone can act on: without the request, a file can be neither
    // regenerated nor charted from its sheet (its notes are read instead, as for a file dropped in).
    if (!part || part->recovered)
        return std::nullopt;
    return part->metadata;
}

QHash<QString, MetadataText> FileStore::readMetadataTexts(const QStringList &fileNames) const
{
    QStringList names;
    names.reserve(fileNames.size());
    for (const QString &name : fileNames) {
        if (isStoreFileName(name))
            names.append(name);
    }
    return m_takes.metadataTexts(names);
}

std::optional<IndexedPart> FileStore::indexedPart(const QString &fileName) const
{
    if (!isStoreFileName(fileName))
        return std::nullopt;
    return m_takes.find(fileName);
}

Status FileStore::remove(const QString &name)
{
    const auto file = find(name);
    if (!file)
        return fileNotFound(name);
    if (Status removed = removeFile(*file, Removal::Unlink); !removed) {
        if (removed.error().code == QLatin1String("file_not_found"))
            forgetRows({name});
        return removed;
    }
    // After the unlink: a crash between the two leaves a row without a file, which the next
    // start drops (or, for a part whose bytes wait, restores whole); the other order could bring
    // a deleted file back without its metadata.
    forgetRows({name});
    qCInfo(lcFiles) << "deleted" << name;
    return Done{};
}

// The files are gone (a client's delete, a failed take, a file gone from the folder), so their
// rows go too. Rows of parts whose bytes still wait leave in a synced commit, since a removal the
// disk has not taken could outlive the unlink (or the failed take) a power cut takes, and start-up
// would make the part again from its bytes; other removals are never synced (and a trim's go with
// a later take's commit, trim()). A full or failing disk can refuse the removal: the delete still
// happened (the caller withdraws the file everywhere), so it is said, not failed, and the rows
// leave with a later commit. Until a settle forgets their bytes, a part whose bytes wait would
// come back from them at the next start: that is the storage problem until one does.
void FileStore::forgetRows(const QStringList &names)
{
    const bool waiting = std::any_of(names.cbegin(), names.cend(), [this](const QString &name) { return isUnsettled(name); });
    const Status removed = m_takes.remove(names, waiting);
    if (removed)
        return;
    qCWarning(lcFiles).noquote() << "the takes index kept the rows of" << namedForLog(names)
                                 << "(" + removed.error().message + "); they leave with a later commit";
    m_takes.removeWithLaterInsert(names);
    if (waiting && m_durable) {
        replaceSettleProblem(QStringLiteral("the takes index in %1 could not forget deleted parts (%2); they could "
                                            "come back after a power cut until their bytes are settled")
                                 .arg(m_directory, removed.error().message));
        m_settler.committed();
    }
}

// The file goes before the index lock is taken: a trim removes dozens of files in a row, and
// while it held the lock through each one's system calls, a take choosing its names waited for
// most of the trim (0.74 ms against 0.01, measured), the lock rarely changing hands between the
// trim's turns. Whichever order a take's indexing and this erase take, a deleted part stays
// deleted, and a name still listed meanwhile cannot be chosen again.
Status FileStore::removeFile(const StoredFile &file, Removal how)
{
    const bool gone = how == Removal::KeepAsSpare ? m_spares.retire(file.path) : QFile::remove(file.path);
    // Gone meanwhile (a trim and a client's DELETE of the same file): not a failure, a 404.
    const bool vanished = !gone && !QFileInfo::exists(file.path);
    if (!gone && !vanished)
        return makeError(QStringLiteral("delete_failed"), QStringLiteral("could not delete %1").arg(file.name));
    QMutexLocker lock(&m_indexMutex);
    m_index.erase(file.name);
    m_reserved.remove(file.name);   // a take's part deleted before its take indexed it
    if (vanished)
        return fileNotFound(file.name);
    return Done{};
}

QStringList FileStore::cleanup(const CleanupPolicy &policy, const QDateTime &now)
{
    reconcile();
    const QStringList removed = trim(policy, now);
    // The maintenance pass: no take may follow soon to carry the trims' rows away. Rows it cannot
    // remove keep waiting (their files are gone; the next start drops them if nothing else does).
    if (Status forgotten = m_takes.removeDeferredNow(); !forgotten)
        qCWarning(lcFiles).noquote() << "the takes index kept the rows of trimmed files:" << forgotten.error().message;
    return removed;
}

QStringList FileStore::trim(const CleanupPolicy &policy, const QDateTime &now)
{
    QStringList removed;
    QStringList failed;
    QStringList vanished;
    for (const QString &name : chooseForRemoval(policy, now)) {
        // Through the index's own entry: the file may have been deleted since it was chosen.
        const std::optional<StoredFile> file = [&] {
            QMutexLocker lock(&m_indexMutex);
            return m_index.find(name);
        }();
        if (!file || isPinned(name))
            continue;
        if (const Status gone = removeFile(*file, Removal::KeepAsSpare); gone)
            removed.append(name);
        else if (gone.error().code == QLatin1String("file_not_found"))   // deleted meanwhile
            vanished.append(name);
        else
            failed.append(name);
    }
    // With a later take's rows, those of parts whose bytes still wait too: a trim a power cut
    // takes may bring such a part back whole (its row and bytes restore it), and the next trim
    // removes it again. A synced commit of its own made the take after each trim wait for it
    // (docs/RELIABILITY.md, "A take is whole or not at all"). A client's delete is synced
    // (forgetRows()).
    m_takes.removeWithLaterInsert(removed + vanished);
    logRemoval(policy, removed, failed);
    return removed;
}

QStringList FileStore::chooseForRemoval(const CleanupPolicy &policy, const QDateTime &now) const
{
    const qint64 maxAgeSeconds = policy.maxAgeHours > 0 ? static_cast<qint64>(policy.maxAgeHours * 3600.0) : -1;
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    qsizetype remaining = m_index.size();
    const qsizetype kept = remaining > policy.maxFiles ? policy.keptAfterTrim() : policy.maxFiles;
    QStringList chosen;
    // Oldest first, by the time the file was last written (a name's timestamp can be forged by
    // whoever drops a file in, its age cannot be made younger than it is). The walk stops at the
    // first file that is neither too old nor beyond the count: every later one is younger, and
    // fewer remain.
    m_index.visitOldestFirst([&](const StoredFile &file) {
        const qint64 age = file.modified.secsTo(now);
        const bool tooOld = maxAgeSeconds >= 0 && age > maxAgeSeconds && age >= policy.minAgeSeconds;
        const bool tooMany = remaining > kept;
        if (!tooOld && !tooMany)
            return false;
        if (!isPinned(file.name)) {
            chosen.append(file.name);
            --remaining;
        }
        return true;
    });
    return chosen;
}

void FileStore::logRemoval(const CleanupPolicy &policy, const QStringList &removed, const QStringList &failed) const
{
    if (!removed.isEmpty())
        qCInfo(lcFiles).noquote() << "cleanup removed" << removed.size() << "files (older than"
                                  << policy.maxAgeHours << "h or beyond" << policy.maxFiles << "files):" << namedForLog(removed);
    if (!failed.isEmpty())
        qCWarning(lcFiles).noquote() << "cleanup could not remove" << failed.join(QStringLiteral(", "));
}

void FileStore::pin(const QString &name)
{
    QMutexLocker lock(&m_pinMutex);
    ++m_pins[name];
}

void FileStore::unpin(const QString &name)
{
    QMutexLocker lock(&m_pinMutex);
    auto it = m_pins.find(name);
    if (it != m_pins.end() && --it.value() <= 0)
        m_pins.erase(it);
}

bool FileStore::isPinned(const QString &name) const
{
    QMutexLocker lock(&m_pinMutex);
    return m_pins.contains(name);
}

int FileStore::pinnedCount() const
{
    QMutexLocker lock(&m_pinMutex);
    return static_cast<int>(m_pins.size());
}

} // namespace aiband
