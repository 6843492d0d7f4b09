#include "FileStore.h"

#include "logging/LogCategories.h"
#include "music/TrackType.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <cerrno>

#include <algorithm>

namespace aiband {
namespace {

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

// What an interrupted write leaves: QSaveFile's temporary "<name>.XXXXXX" and our own hidden
// ".<name>.partial", for a file or for its sidecar ("<name>.json").
const QRegularExpression &leftoverPattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("\\.%1(?:\\.json)?\\.partial|%1(?:\\.json)?\\.[A-Za-z0-9]{6}")
                                                .arg(nameBody())));
    return pattern;
}

const QRegularExpression &sidecarPattern()
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("(") + nameBody() + QStringLiteral(")\\.json")));
    return pattern;
}

QString makeName(const FileNaming &naming)
{
    const QString timestamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    const QString suffix = QStringLiteral("%1").arg(QRandomGenerator::global()->bounded(0x1000000), 6, 16,
                                                    QLatin1Char('0'));
    return QStringLiteral("%1_%2_%3_%4_%5.mid")
        .arg(timestamp, naming.trackType, naming.keyToken)
        .arg(naming.tempoBpm)
        .arg(suffix);
}

// Qt reports why a write failed only as the system's text for errno; these texts are the ones
// that mean "no room": a full disk, an exhausted quota, a file size limit.
bool isOutOfSpace(const QString &error)
{
    for (int code : {ENOSPC, EDQUOT, EFBIG}) {
        if (error.contains(qt_error_string(code), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

FileStore::FileStore(QString directory, bool durable)
    : m_directory(QDir::cleanPath(std::move(directory))), m_durable(durable),
      m_index(QDir(m_directory).absolutePath())
{
}

bool FileStore::isStoreFileName(const QString &name)
{
    return namePattern().match(name).hasMatch();
}

QString FileStore::metadataDirectory() const
{
    return m_directory + QLatin1Char('/') + QLatin1String(kMetadataFolder);
}

QString FileStore::metadataPath(const QString &name) const
{
    return metadataDirectory() + QLatin1Char('/') + name + QStringLiteral(".json");
}

Status FileStore::prepare()
{
    if (!QDir().mkpath(m_directory) || !QDir().mkpath(metadataDirectory()))
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("cannot create the files folder %1").arg(m_directory));
    if (const QString linked = linkedFolder(); !linked.isEmpty())
        return makeError(QStringLiteral("files_dir_unavailable"), linked);
    const QFileInfo info(m_directory);
    if (!info.isDir() || !info.isWritable())
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("the files folder %1 is not writable").arg(m_directory));
    removeLeftovers();
    const QList<StoredFile> files = scanFolder();
    QMutexLocker lock(&m_indexMutex);
    m_index.clear();
    for (const StoredFile &file : files)
        m_index.insert(file.name, file.sizeBytes, file.modified);
    m_indexed = true;
    return Done{};
}

// The store's own folders must be folders, not links: a takes or metadata folder replaced by a
// link would send every write somewhere else. Checked before each write (one stat each).
QString FileStore::linkedFolder() const
{
    for (const QString &folder : {m_directory, metadataDirectory()}) {
        if (QFileInfo(folder).isSymLink())
            return QStringLiteral("%1 is a link, not a folder; remove it and the server makes the folder again").arg(folder);
    }
    return {};
}

QStringList FileStore::removeLeftovers()
{
    QStringList removed;
    const QDir::Filters filters = QDir::Files | QDir::Hidden | QDir::System;
    QDir folder(m_directory);
    for (const QString &name : folder.entryList(filters)) {
        if (leftoverPattern().match(name).hasMatch() && folder.remove(name))
            removed.append(name);
    }
    QDir sidecars(metadataDirectory());
    for (const QString &name : sidecars.entryList(filters)) {
        const QRegularExpressionMatch sidecar = sidecarPattern().match(name);
        // A sidecar is written before its file; one without a file is from a write that never finished.
        const bool orphan = sidecar.hasMatch() && !QFileInfo::exists(m_directory + QLatin1Char('/') + sidecar.captured(1));
        if ((orphan || leftoverPattern().match(name).hasMatch()) && sidecars.remove(name))
            removed.append(QLatin1String(kMetadataFolder) + QLatin1Char('/') + name);
    }
    if (!removed.isEmpty())
        qCInfo(lcFiles).noquote() << "removed" << removed.size() << "leftovers of an interrupted run:"
                                  << removed.join(QStringLiteral(", "));
    return removed;
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

QString FileStore::writeFile(const QString &path, const QByteArray &bytes) const
{
    return m_durable ? writeSynced(path, bytes) : writeRenamed(path, bytes);
}

Result<StoredFile> FileStore::write(const FileNaming &naming, const QByteArray &bytes,
                                    std::optional<FileMetadata> metadata)
{
    QString name;
    {
        QMutexLocker lock(&m_writeMutex);
        do
            name = makeName(naming);
        while (m_reserved.contains(name) || QFileInfo::exists(m_directory + QLatin1Char('/') + name));
        m_reserved.insert(name);
    }
    const QString path = m_directory + QLatin1Char('/') + name;
    QString error = linkedFolder();
    // The sidecar first: a plugin that sees the file can always find how it was made.
    if (metadata && error.isEmpty()) {
        metadata->fileName = name;
        if (!metadata->created.isValid())
            metadata->created = QDateTime::currentDateTimeUtc();
        if (!QDir().mkpath(metadataDirectory()))
            error = QStringLiteral("cannot create the folder %1").arg(metadataDirectory());
        else
            // Renamed into place but not synced even with durable writes: the sidecar describes,
            // the .mid is the product. Syncing both doubled the disk flushes of a generation
            // (docs/BENCHMARKS.md); after a power cut a file may lack its sidecar, which only
            // means it cannot be regenerated (404 metadata_not_found), never a half-written file.
            error = writeRenamed(metadataPath(name), QJsonDocument(metadata->toJson()).toJson(QJsonDocument::Compact));
    }
    if (error.isEmpty()) {
        error = writeFile(path, bytes);
        if (!error.isEmpty() && metadata)
            QFile::remove(metadataPath(name));
    }
    {
        QMutexLocker lock(&m_writeMutex);
        m_reserved.remove(name);
    }
    if (!error.isEmpty()) {
        const Error failure = writeError(name, error);
        qCWarning(lcFiles).noquote() << failure.message;
        return failure;
    }
    qCDebug(lcFiles) << "wrote" << name << bytes.size() << "bytes";
    {
        QMutexLocker lock(&m_indexMutex);
        ensureIndexed();
        if (auto stored = describe(name)) {
            m_index.insert(name, stored->sizeBytes, stored->modified);
            return *stored;
        }
    }
    // A client deleted it between its rename and here (it is listed as soon as it is in place):
    // it was written, and the deletion stands. Describe it from what was written; publishing
    // leaves a part deleted meanwhile out (python_churn found both races).
    return entry(QFileInfo(m_directory + QLatin1Char('/') + name).absoluteFilePath(), bytes.size(),
                 QDateTime::currentDateTimeUtc());
}

namespace {

// Why a write failed, in words; errno when the system said it (Qt's own text is often just
// "Unknown error" for a failed write).
QString failure(const QFileDevice &file, int systemError)
{
    return systemError != 0 ? qt_error_string(systemError) : file.errorString();
}

} // namespace

QString FileStore::writeSynced(const QString &path, const QByteArray &bytes)
{
    // QSaveFile writes to a temporary file, syncs it to the disk and renames it into place.
    // Unbuffered, so that a short write is seen here: buffered, Qt 6.4's commit() reports
    // success for a file the disk had no room to finish, and renames the truncated file in.
    QSaveFile file(path);
    errno = 0;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered) || file.write(bytes) != bytes.size()) {
        const int systemError = errno;
        file.cancelWriting();
        return failure(file, systemError);
    }
    errno = 0;
    if (!file.commit())
        return failure(file, errno);
    return {};
}

QString FileStore::writeRenamed(const QString &path, const QByteArray &bytes)
{
    // Written under a hidden name beside the target, then renamed: the rename is atomic, so a
    // plugin watching for *.mid still never sees half a file, only the sync is skipped.
    // Unbuffered for the same reason as above: a short write must be seen before the rename.
    const QFileInfo target(path);
    QFile file(target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".partial"));
    // Made new (O_CREAT | O_EXCL), so a link planted under this name is never followed: it is
    // removed (the link, not its target) and refused if it comes back.
    QFile::remove(file.fileName());
    errno = 0;
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)
        || file.write(bytes) != bytes.size()) {
        const QString error = failure(file, errno);
        file.close();
        file.remove();
        return error;
    }
    file.close();
    errno = 0;
    if (!file.rename(path)) {
        const QString error = failure(file, errno);
        file.remove();
        return error;
    }
    return {};
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
            if (const std::optional<StoredFile> now = describe(scanned.name))
                m_index.insert(now->name, now->sizeBytes, now->modified);
            else
                m_index.erase(scanned.name);
        }
    }
    std::optional<FileCursor> after;
    do {
        QMutexLocker lock(&m_indexMutex);
        const FilePage batch = m_index.page(after, kBatch);
        for (const StoredFile &file : batch.files) {
            if (!seen.contains(file.name) && !describe(file.name))
                m_index.erase(file.name);
        }
        after = batch.next;
    } while (after);
}

QString FileStore::partOf(const QString &name)
{
    return name.section(QLatin1Char('_'), 1, 1);
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
    const QFileInfo sidecar(metadataPath(fileName));
    if (!sidecar.isFile() || sidecar.isSymLink())
        return std::nullopt;
    QFile file(sidecar.filePath());
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto metadata = FileMetadata::fromJson(QJsonDocument::fromJson(file.readAll()).object());
    if (!metadata || metadata->fileName != fileName)
        return std::nullopt;
    return metadata;
}

Status FileStore::remove(const QString &name)
{
    const auto file = find(name);
    if (!file)
        return fileNotFound(name);
    if (Status removed = removeFile(*file); !removed)
        return removed;
    qCInfo(lcFiles) << "deleted" << name;
    return Done{};
}

Status FileStore::removeFile(const StoredFile &file)
{
    QMutexLocker lock(&m_indexMutex);
    if (!QFile::remove(file.path)) {
        // Gone meanwhile (a trim and a client's DELETE of the same file): not a failure, a 404.
        if (!QFileInfo::exists(file.path)) {
            m_index.erase(file.name);
            return fileNotFound(file.name);
        }
        return makeError(QStringLiteral("delete_failed"), QStringLiteral("could not delete %1").arg(file.name));
    }
    QFile::remove(metadataPath(file.name));
    m_index.erase(file.name);
    return Done{};
}

QStringList FileStore::cleanup(const CleanupPolicy &policy, const QDateTime &now)
{
    reconcile();
    return trim(policy, now);
}

QStringList FileStore::trim(const CleanupPolicy &policy, const QDateTime &now)
{
    QStringList removed;
    QStringList failed;
    for (const QString &name : chooseForRemoval(policy, now)) {
        // Through the index's own entry: the file may have been deleted since it was chosen.
        const std::optional<StoredFile> file = [&] {
            QMutexLocker lock(&m_indexMutex);
            return m_index.find(name);
        }();
        if (!file || isPinned(name))
            continue;
        if (const Status gone = removeFile(*file); gone)
            removed.append(name);
        else if (gone.error().code != QLatin1String("file_not_found"))   // deleted meanwhile
            failed.append(name);
    }
    logRemoval(policy, removed, failed);
    return removed;
}

QStringList FileStore::chooseForRemoval(const CleanupPolicy &policy, const QDateTime &now) const
{
    const qint64 maxAgeSeconds = policy.maxAgeHours > 0 ? static_cast<qint64>(policy.maxAgeHours * 3600.0) : -1;
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    qsizetype remaining = m_index.size();
    QStringList chosen;
    // Oldest first, by the time the file was last written (a name's timestamp can be forged by
    // whoever drops a file in, its age cannot be made younger than it is). The walk stops at the
    // first file that is neither too old nor beyond the count: every later one is younger, and
    // fewer remain.
    m_index.visitOldestFirst([&](const StoredFile &file) {
        const qint64 age = file.modified.secsTo(now);
        const bool tooOld = maxAgeSeconds >= 0 && age > maxAgeSeconds && age >= policy.minAgeSeconds;
        const bool tooMany = remaining > policy.maxFiles;
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
    if (!removed.isEmpty()) {
        // Named, but not all of them: a folder far over the limit can lose thousands at once.
        constexpr qsizetype kNamed = 10;
        QString names = removed.mid(0, kNamed).join(QStringLiteral(", "));
        if (removed.size() > kNamed)
            names += QStringLiteral(" and %1 more").arg(removed.size() - kNamed);
        qCInfo(lcFiles).noquote() << "cleanup removed" << removed.size() << "files (older than"
                                  << policy.maxAgeHours << "h or beyond" << policy.maxFiles << "files):" << names;
    }
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
