#include "FileStore.h"

#include "logging/LogCategories.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace aiband {
namespace {

const QRegularExpression &namePattern()
{
    static const QRegularExpression pattern(QStringLiteral(
        "^\\d{8}-\\d{6}-\\d{3}_(bass|drums|keys|full)_[A-G][sb]?m?_\\d{2,3}_[0-9a-f]{6}\\.mid$"));
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

} // namespace

FileStore::FileStore(QString directory, bool durable)
    : m_directory(QDir::cleanPath(std::move(directory))), m_durable(durable)
{
}

bool FileStore::isStoreFileName(const QString &name)
{
    return namePattern().match(name).hasMatch();
}

Status FileStore::prepare()
{
    if (!QDir().mkpath(m_directory))
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("cannot create the files folder %1").arg(m_directory));
    const QFileInfo info(m_directory);
    if (!info.isDir() || !info.isWritable())
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("the files folder %1 is not writable").arg(m_directory));
    return Done{};
}

Result<StoredFile> FileStore::write(const FileNaming &naming, const QByteArray &bytes)
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
    const QString error = m_durable ? writeSynced(path, bytes) : writeRenamed(path, bytes);
    {
        QMutexLocker lock(&m_writeMutex);
        m_reserved.remove(name);
    }
    if (!error.isEmpty()) {
        qCWarning(lcFiles) << "writing" << name << "failed:" << error;
        return makeError(QStringLiteral("write_failed"),
                         QStringLiteral("could not write %1 in %2: %3").arg(name, m_directory, error));
    }
    qCDebug(lcFiles) << "wrote" << name << bytes.size() << "bytes";
    adjustCount(1);
    if (auto stored = describe(name))
        return *stored;
    return makeError(QStringLiteral("write_failed"), QStringLiteral("%1 vanished after writing").arg(name));
}

QString FileStore::writeSynced(const QString &path, const QByteArray &bytes)
{
    // QSaveFile writes to a temporary file, syncs it to the disk and renames it into place.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return file.errorString();
    return {};
}

QString FileStore::writeRenamed(const QString &path, const QByteArray &bytes)
{
    // Written under a hidden name beside the target, then renamed: the rename is atomic, so a
    // plugin watching for *.mid still never sees half a file, only the sync is skipped.
    const QFileInfo target(path);
    QFile file(target.absolutePath() + QStringLiteral("/.") + target.fileName() + QStringLiteral(".partial"));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        const QString error = file.errorString();
        file.remove();
        return error;
    }
    file.close();
    if (!file.rename(path)) {
        const QString error = file.errorString();
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
    StoredFile file;
    file.name = name;
    file.path = info.absoluteFilePath();
    file.sizeBytes = info.size();
    file.modified = info.lastModified();
    file.trackType = name.section(QLatin1Char('_'), 1, 1);
    return file;
}

QList<StoredFile> FileStore::list() const
{
    QList<StoredFile> files;
    const QStringList names = QDir(m_directory).entryList({QStringLiteral("*.mid")}, QDir::Files);
    for (const QString &name : names) {
        if (!isStoreFileName(name))
            continue;
        if (auto file = describe(name))
            files.append(*file);
    }
    // Names start with the creation time, so newest first is reverse name order.
    std::sort(files.begin(), files.end(),
              [](const StoredFile &a, const StoredFile &b) { return a.name > b.name; });
    return files;
}

int FileStore::count() const
{
    QMutexLocker lock(&m_countMutex);
    if (m_count < 0 || m_countAge.elapsed() > 2000) {
        lock.unlock();
        const int counted = static_cast<int>(list().size());
        lock.relock();
        m_count = counted;
        m_countAge.start();
    }
    return m_count;
}

void FileStore::adjustCount(int delta)
{
    QMutexLocker lock(&m_countMutex);
    if (m_count >= 0)
        m_count += delta;
}

std::optional<StoredFile> FileStore::find(const QString &name) const
{
    if (!isStoreFileName(name))
        return std::nullopt;
    return describe(name);
}

Status FileStore::remove(const QString &name)
{
    const auto file = find(name);
    if (!file)
        return makeError(QStringLiteral("file_not_found"), QStringLiteral("no file named %1").arg(name),
                         QStringLiteral("filename"));
    if (!QFile::remove(file->path))
        return makeError(QStringLiteral("delete_failed"), QStringLiteral("could not delete %1").arg(name));
    adjustCount(-1);
    qCInfo(lcFiles) << "deleted" << name;
    return Done{};
}

} // namespace aiband
