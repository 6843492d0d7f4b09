#include "FileStore.h"

#include "logging/LogCategories.h"
#include "music/Key.h"
#include "music/Meter.h"
#include "music/MidiFile.h"
#include "music/MidiReader.h"
#include "music/TrackType.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentMap>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

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
    : m_directory(QDir::cleanPath(std::move(directory))), m_durable(durable), m_takes(m_directory, durable),
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
        m_takes.remove(rows.keys());
}

// What a file says of itself: its name's fields, and the tempo and length its MIDI data gives.
IndexedPart FileStore::rebuiltPart(const StoredFile &file) const
{
    FileMetadata metadata;
    metadata.fileName = file.name;
    metadata.trackType = partOf(file.name);
    metadata.key = Key::nameFromFileNameToken(file.name.section(QLatin1Char('_'), 2, 2));
    metadata.tempoBpm = file.name.section(QLatin1Char('_'), 3, 3).toDouble();
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
    return IndexedPart{metadata, file.name, /*recovered=*/true};
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

// A take whose rows were committed but whose renames did not all happen (the process was killed
// between the two) is finished: every part is either in place or still whole under its hidden
// name. One that lost a part (a power cut took a name that was never synced) is removed whole,
// rows and files, so no half take survives. Returns the files removed.
QStringList FileStore::finishInterruptedTakes(const QSet<QString> &partials)
{
    if (partials.isEmpty())
        return {};
    const QHash<QString, QString> takeOf = m_takes.takesByName();
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
        const bool whole = std::all_of(parts.cbegin(), parts.cend(),
                                       [&](const QString &name) { return placed(name) || partials.contains(name); });
        if (whole) {
            for (const QString &name : parts) {
                if (!placed(name))
                    QFile::rename(partialPath(name), m_directory + QLatin1Char('/') + name);
            }
            qCInfo(lcFiles).noquote() << "finished the take" << take << "an interrupted run had committed";
            continue;
        }
        for (const QString &name : parts) {
            QFile::remove(partialPath(name));
            if (QFile::remove(m_directory + QLatin1Char('/') + name))
                removed.append(name);
        }
        m_takes.remove(parts);
        qCWarning(lcFiles).noquote() << "removed the take" << take << "which lost a part in an interruption";
    }
    if (!interrupted.isEmpty())
        syncFolder();
    return removed;
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
            parts.append(IndexedPart{*metadata, metadata->fileName, false});
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
            part = IndexedPart{*metadata, name, false};
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

QStringList FileStore::reserveNames(const QList<TakePart> &parts)
{
    QMutexLocker lock(&m_writeMutex);
    QStringList names;
    for (const TakePart &part : parts) {
        QString name;
        do
            name = makeName(part.naming);
        while (m_reserved.contains(name) || QFileInfo::exists(m_directory + QLatin1Char('/') + name));
        m_reserved.insert(name);
        names.append(name);
    }
    return names;
}

void FileStore::releaseNames(const QStringList &names)
{
    QMutexLocker lock(&m_writeMutex);
    for (const QString &name : names)
        m_reserved.remove(name);
}

Result<StoredFile> FileStore::write(const FileNaming &naming, const QByteArray &bytes,
                                    std::optional<FileMetadata> metadata)
{
    Result<QList<StoredFile>> take = writeTake({TakePart{naming, bytes, std::move(metadata)}});
    if (!take)
        return take.error();
    return take->first();
}

Result<QList<StoredFile>> FileStore::writeTake(QList<TakePart> parts)
{
    const QStringList names = reserveNames(parts);
    const auto discard = [&] {
        for (const QString &name : names)
            QFile::remove(partialPath(name));
        releaseNames(names);
    };
    QString error = linkedFolder();
    QString failedName = names.value(0);
    std::vector<std::unique_ptr<QFile>> aside;
    for (qsizetype i = 0; i < parts.size() && error.isEmpty(); ++i) {
        aside.push_back(std::make_unique<QFile>(partialPath(names[i])));
        error = writeAside(*aside.back(), parts[i].bytes);
        failedName = names[i];
    }
    if (error.isEmpty())
        error = syncParts(aside);
    aside.clear();   // closed
    std::optional<Error> failure;
    if (!error.isEmpty())
        failure = writeError(failedName, error);
    // The take's commit: its rows, in one transaction. A kill after it leaves parts that
    // removeLeftovers() renames into place; a kill before it leaves only hidden files it removes.
    QList<IndexedPart> rows;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (qsizetype i = 0; i < parts.size() && !failure; ++i) {
        const StoredFile described = entry(m_directory + QLatin1Char('/') + names[i], parts[i].bytes.size(), now);
        IndexedPart row = parts[i].metadata ? IndexedPart{*parts[i].metadata, names.first(), false} : rebuiltPart(described);
        row.take = names.first();
        row.metadata.fileName = names[i];
        if (!row.metadata.created.isValid())
            row.metadata.created = now;
        rows.append(row);
    }
    if (!failure) {
        if (Status indexed = m_takes.insert(rows); !indexed)
            failure = indexError(indexed.error());
    }
    if (!failure) {
        error = placeParts(names);
        if (error.isEmpty())
            error = syncFolder();
        if (!error.isEmpty()) {
            for (const QString &name : names)
                QFile::remove(m_directory + QLatin1Char('/') + name);
            m_takes.remove(names);
            failure = writeError(names.first(), error);
        }
    }
    if (failure) {
        discard();
        qCWarning(lcFiles).noquote() << failure->message;
        return *failure;
    }
    releaseNames(names);
    qCDebug(lcFiles) << "wrote the take" << names;
    QList<StoredFile> stored;
    QMutexLocker lock(&m_indexMutex);
    ensureIndexed();
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (const std::optional<StoredFile> file = describe(names[i])) {
            m_index.insert(file->name, file->sizeBytes, file->modified);
            stored.append(*file);
        } else {
            // A client deleted it between its rename and here (it is listed as soon as it is in
            // place): it was written, and the deletion stands. Described from what was written;
            // publishing leaves a part deleted meanwhile out (python_churn found both races).
            stored.append(entry(QFileInfo(m_directory + QLatin1Char('/') + names[i]).absoluteFilePath(),
                                parts[i].bytes.size(), now));
        }
    }
    return stored;
}

QString FileStore::placeParts(const QStringList &names)
{
    for (const QString &name : names) {
        errno = 0;
        if (::rename(QFile::encodeName(partialPath(name)).constData(),
                     QFile::encodeName(m_directory + QLatin1Char('/') + name).constData()) != 0)
            return qt_error_string(errno);
    }
    return {};
}

QString FileStore::syncFolder() const
{
    if (!m_durable)
        return {};
    // The renames are entries of the folder: synced once for the whole take.
    const int folder = ::open(QFile::encodeName(m_directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (folder < 0)
        return qt_error_string(errno);
    const int synced = ::fsync(folder);
    const int error = errno;
    ::close(folder);
    return synced == 0 ? QString() : qt_error_string(error);
}

namespace {

// Why a write failed, in words; errno when the system said it (Qt's own text is often just
// "Unknown error" for a failed write).
QString failure(const QFileDevice &file, int systemError)
{
    return systemError != 0 ? qt_error_string(systemError) : file.errorString();
}

} // namespace

QString FileStore::writeAside(QFile &file, const QByteArray &bytes) const
{
    // Under a hidden name beside the target, so a plugin watching for *.mid never sees half a
    // file. Made new (O_CREAT | O_EXCL), so a link planted under this name is never followed: it
    // is removed (the link, not its target) and refused if it comes back. Unbuffered, so that a
    // short write (a full disk) is seen here and not at a later flush. Left open for the sync.
    QFile::remove(file.fileName());
    errno = 0;
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)
        || file.write(bytes) != bytes.size())
        return failure(file, errno);
    return {};
}

QString FileStore::syncParts(const std::vector<std::unique_ptr<QFile>> &parts) const
{
    if (!m_durable)
        return {};
    // Once per part, the data only (fdatasync): its size is what the rename needs, and the folder
    // is synced once after the take's renames. A take's parts are synced side by side: the disk
    // (ext4's journal) serves syncs that wait together with one flush, so a take of several parts
    // waits about as long as a take of one.
    const auto sync = [](int handle) { return ::fdatasync(handle) == 0 ? QString() : qt_error_string(errno); };
    QList<int> handles;
    for (const std::unique_ptr<QFile> &part : parts)
        handles.append(part->handle());
    if (handles.size() == 1)
        return sync(handles.front());
    const QStringList errors = QtConcurrent::blockingMapped<QStringList>(handles, sync);
    for (const QString &error : errors) {
        if (!error.isEmpty())
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
    m_takes.remove(erased);
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
    const std::optional<IndexedPart> part = indexedPart(fileName);
    // A rebuilt row is not metadata anyone can act on: without the request, a file can be neither
    // regenerated nor charted from its sheet (its notes are read instead, as for a file dropped in).
    if (!part || part->recovered)
        return std::nullopt;
    return part->metadata;
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
    if (Status removed = removeFile(*file); !removed) {
        if (removed.error().code == QLatin1String("file_not_found"))
            m_takes.remove({name});
        return removed;
    }
    // After the unlink: a crash between the two leaves a row without a file, which the next
    // start drops; the other order could bring a deleted file back without its metadata.
    m_takes.remove({name});
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
    QStringList vanished;
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
        else if (gone.error().code == QLatin1String("file_not_found"))   // deleted meanwhile
            vanished.append(name);
        else
            failed.append(name);
    }
    m_takes.remove(removed + vanished);   // one transaction for the whole trim
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
