#include "TakePublisher.h"

#include "FileStore.h"
#include "RenameNoReplace.h"
#include "logging/LogCategories.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <optional>
#include <unistd.h>

namespace aiband {
namespace {

// A copied part on its way into a watched folder: hidden, and not *.mid, so no plugin lists it.
const QString kPublishingPrefix = QStringLiteral(".aiband-publishing-");

QString placingError(const StoredFile &file, const QString &folder, const QString &why)
{
    return QStringLiteral("cannot publish %1 in %2: %3").arg(file.name, folder, why);
}

// A full disk is said as such (507), as the takes folder says it; anything else failed to write.
Error placingFailure(const QString &message)
{
    if (FileStore::isOutOfSpace(message))
        return makeError(QStringLiteral("insufficient_storage"),
                         message + QStringLiteral("; free some disk space, the earlier take plays on"));
    return makeError(QStringLiteral("write_failed"), message);
}

// `from`'s bytes into a new file `to`. Written here, not by QFile::copy, whose error for a full
// disk says "Unknown error": the system's words for errno tell a full disk (507) from other
// failures. Why it failed, or empty; a copy that fails halfway is removed.
QString copyFile(const QString &from, const QString &to)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return source.errorString();
    const QByteArray bytes = source.readAll();
    QFile copy(to);
    errno = 0;
    if (!copy.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered))
        return FileStore::failureText(copy, errno);
    if (copy.write(bytes) != bytes.size()) {
        const QString why = FileStore::failureText(copy, errno);
        copy.remove();
        return why;
    }
    return {};
}

// A link() error that says the folder cannot link to the takes at all (another file system, one
// without hard links, a FUSE file system that does not implement them), not that this take failed.
bool cannotLinkHere(int linkError)
{
    return linkError == EXDEV || linkError == EPERM || linkError == EOPNOTSUPP || linkError == ENOTSUP
        || linkError == ENOSYS;
}

// One unlink, where QDir::remove() built and cleaned the path first (3,300 instructions a file,
// four files a take); a file already gone (deleted by hand) is as good as removed.
bool removedOrGone(const QString &path)
{
    return ::unlink(QFile::encodeName(path).constData()) == 0 || errno == ENOENT;
}

// One take's parts on their way into the watched folders, and how to take them back.
class Placement {
public:
    // A hard link appears whole at once and shares the take's bytes (no copy, no disk space), so
    // it is made straight under the part's name: staging it under a hidden name first cost a
    // rename per part and folder (four per take). Never over a file already there. Where the
    // folder cannot link to the takes (another file system, or one without hard links),
    // `linksFail` is set and the part is copied instead.
    QString link(const StoredFile &file, const QString &folder, bool &linksFail)
    {
        const QString target = folder + QLatin1Char('/') + file.name;
        if (::link(QFile::encodeName(file.path).constData(), QFile::encodeName(target).constData()) == 0) {
            m_placed.append(target);
            return {};
        }
        const int linkError = errno;
        // Any other failure (a name taken, a full disk, an I/O error, the folder gone or
        // replaced) is this take's, and the folder keeps its links from the next one on: a
        // moment without space once made every later take a second copy.
        if (!cannotLinkHere(linkError))
            return placingError(file, folder, qt_error_string(linkError));
        linksFail = true;
        return stageCopy(file, folder);
    }

    // A copy under a hidden name, not *.mid, so no plugin lists it half-written.
    QString stageCopy(const StoredFile &file, const QString &folder)
    {
        const QString temporary = folder + QLatin1Char('/') + kPublishingPrefix + file.name;
        QFile::remove(temporary);   // an interrupted publish's leftover
        if (const QString why = copyFile(file.path, temporary); !why.isEmpty())
            return placingError(file, folder, why);
        m_staged.append({temporary, folder + QLatin1Char('/') + file.name});
        return {};
    }

    // The copies into place, once every part is in every folder.
    QString placeCopies()
    {
        while (!m_staged.isEmpty()) {
            const auto [temporary, target] = m_staged.takeFirst();
            if (!renameNoReplace(temporary, target)) {
                const int renameError = errno;
                QFile::remove(temporary);
                return QStringLiteral("cannot publish %1: %2").arg(target, qt_error_string(renameError));
            }
            m_placed.append(target);
        }
        return {};
    }

    void takeBack()
    {
        for (const QString &path : std::as_const(m_placed))
            QFile::remove(path);
        for (const auto &[temporary, target] : std::as_const(m_staged))
            QFile::remove(temporary);
    }

private:
    QStringList m_placed;
    QList<std::pair<QString, QString>> m_staged;   // hidden copy, its name
};

} // namespace

TakePublisher::TakePublisher(QString watchedFolder) : m_watched(QDir::cleanPath(std::move(watchedFolder))) {}

QString TakePublisher::takesFolderOf(const QString &watchedFolder)
{
    return QDir::cleanPath(watchedFolder) + QLatin1Char('/') + QLatin1String(kTakesFolder);
}

QString TakePublisher::pluginFolder(const QString &pluginId) const
{
    if (pluginId.isEmpty() || pluginId == QLatin1String(".") || pluginId == QLatin1String(".."))
        return {};
    return m_watched + QLatin1Char('/') + QLatin1String(kPluginsFolder) + QLatin1Char('/') + pluginId;
}

QStringList TakePublisher::watchedFolders() const
{
    QStringList folders{m_watched};
    const QDir plugins(m_watched + QLatin1Char('/') + QLatin1String(kPluginsFolder));
    for (const QString &id : plugins.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        folders.append(plugins.filePath(id));
    return folders;
}

Status TakePublisher::prepare(FileStore &store)
{
    const QString storeFolder = store.directory();
    QMutexLocker lock(&m_mutex);
    m_shown.clear();   // listed again at the next publish
    m_copying.clear();
    m_made.clear();
    if (!QDir().mkpath(m_watched))
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("cannot create the files folder %1").arg(m_watched));
    for (const QString &folder : watchedFolders()) {
        QDir dir(folder);
        for (const QString &name : dir.entryList({kPublishingPrefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden))
            dir.remove(name);
        refreshStaleCopies(folder, storeFolder);
    }
    // Files an earlier version wrote straight into the watched folder become history.
    QDir watched(m_watched);
    const QString oldSidecars = m_watched + QLatin1Char('/') + QLatin1String(FileStore::kMetadataFolder);
    int moved = 0;
    for (const QString &name : watched.entryList(QDir::Files)) {
        if (!FileStore::isStoreFileName(name) || QFileInfo::exists(storeFolder + QLatin1Char('/') + name))
            continue;
        if (!watched.rename(name, storeFolder + QLatin1Char('/') + name))
            continue;
        store.adopt(name, oldSidecars + QLatin1Char('/') + name + QStringLiteral(".json"));
        ++moved;
    }
    QDir().rmdir(oldSidecars);   // only when empty
    if (moved > 0)
        qCInfo(lcFiles).noquote() << "moved" << moved << "files of earlier takes into" << storeFolder
                                  << "; the watched folder now holds the newest take only";
    return Done{};
}

// A copy of a take in a watched folder (one that cannot link to the takes: another file system)
// is never synced, so a power cut can leave it short while the take's own file is whole (or made
// whole again by the store's start). Each take file a folder shows that no longer holds its
// take's bytes is placed again, under a hidden name and renamed over it. The watched folders
// hold the newest take only, so this reads a few small files.
void TakePublisher::refreshStaleCopies(const QString &folder, const QString &storeFolder)
{
    QDir dir(folder);
    for (const QString &name : dir.entryList({QStringLiteral("*.mid")}, QDir::Files)) {
        const QString take = storeFolder + QLatin1Char('/') + name;
        QFile original(take);
        if (!FileStore::isStoreFileName(name) || !original.open(QIODevice::ReadOnly)
            || FileStore::holdsBytes(dir.filePath(name), original.readAll()))
            continue;
        const QString staged = dir.filePath(kPublishingPrefix + name);
        const bool placed = ::link(QFile::encodeName(take).constData(), QFile::encodeName(staged).constData()) == 0
                            || copyFile(take, staged).isEmpty();
        if (placed && ::rename(QFile::encodeName(staged).constData(), QFile::encodeName(dir.filePath(name)).constData()) == 0)
            qCWarning(lcFiles).noquote() << "placed" << name << "in" << folder << "again: it did not hold its take's bytes";
        else
            QFile::remove(staged);
    }
}

// A take is published whole or not at all: every part is placed in every folder (where a full
// disk or a missing file shows), and only then do the earlier takes' files of the same parts
// leave. A take that cannot be placed whole takes back what it placed, and the earlier take plays
// on.
Status TakePublisher::publish(const QList<StoredFile> &files, const QString &pluginId)
{
    QMutexLocker lock(&m_mutex);   // takes finishing together publish one after the other
    QStringList folders{m_watched};
    const QString own = pluginFolder(pluginId);
    if (!own.isEmpty())
        folders.append(own);
    // A part a client deleted while its take was being finished is not published (its deletion
    // has already withdrawn it): its link fails, and publishing starts over without it. Looked
    // for only then: a check of every part before linking was a path walk per part. So is a
    // plugin's folder someone removed by hand: made again when a link into it failed.
    QList<StoredFile> present = files;
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (attempt > 0) {
            present.clear();
            std::copy_if(files.cbegin(), files.cend(), std::back_inserter(present),
                         [](const StoredFile &file) { return QFileInfo::exists(file.path); });
        }
        if (!own.isEmpty() && !makeFolder(own, /*again=*/attempt > 0))
            return makeError(QStringLiteral("write_failed"), QStringLiteral("cannot create the plugin folder %1").arg(own));
        const std::optional<Error> failed = place(folders, present);
        if (!failed)
            break;
        const bool partGone = std::any_of(present.cbegin(), present.cend(),
                                          [](const StoredFile &file) { return !QFileInfo::exists(file.path); });
        const bool folderGone = !own.isEmpty() && !QFileInfo::exists(own);
        if ((!partGone && !folderGone) || attempt == 2)
            return *failed;
    }
    for (const QString &folder : folders)
        retireEarlier(folder, present);
    return Done{};
}

// A plugin's folder is made at its first take, not checked at every one (a mkdir and a stat per
// take); `again` makes it whatever this remembers, after a link into it failed.
bool TakePublisher::makeFolder(const QString &folder, bool again)
{
    if (!again && m_made.contains(folder))
        return true;
    if (!QDir().mkpath(folder)) {
        m_made.remove(folder);
        return false;
    }
    m_made.insert(folder);
    return true;
}

// Every part into every folder; on a failure, what this placed is removed again. Folders that
// take copies go first, and their copies are renamed into place only once every folder has the
// take: a copy can fail halfway (a full disk), and then no folder has shown any of it. A link
// that fails (a name taken, a part gone, a full disk) may leave the links already made in other
// folders listed for that moment.
std::optional<Error> TakePublisher::place(const QStringList &folders, const QList<StoredFile> &files)
{
    QStringList ordered = folders;
    std::stable_partition(ordered.begin(), ordered.end(), [this](const QString &folder) { return m_copying.contains(folder); });
    Placement placement;
    for (const QString &folder : std::as_const(ordered)) {
        for (const StoredFile &file : files) {
            bool linksFail = false;
            const QString error = m_copying.contains(folder) ? placement.stageCopy(file, folder)
                                                             : placement.link(file, folder, linksFail);
            if (linksFail)
                m_copying.insert(folder);   // known from the next take on
            if (!error.isEmpty()) {
                placement.takeBack();
                return placingFailure(error);
            }
        }
    }
    if (const QString error = placement.placeCopies(); !error.isEmpty()) {
        placement.takeBack();
        return placingFailure(error);
    }
    return std::nullopt;
}

// The earlier takes' files of the parts just published leave `folder`.
void TakePublisher::retireEarlier(const QString &folder, const QList<StoredFile> &files)
{
    QStringList parts;
    QStringList published;
    for (const StoredFile &file : files) {
        parts.append(file.trackType);
        published.append(file.name);
    }
    QStringList &shown = shownIn(folder);
    QStringList kept;
    for (const QString &name : std::as_const(shown)) {
        const bool earlier = parts.contains(FileStore::partOf(name)) && !published.contains(name);
        if (earlier) {
            const QString path = folder + QLatin1Char('/') + name;
            if (removedOrGone(path)) {   // removed, or already gone (deleted by hand)
                m_undroppable.remove(path);
                continue;
            }
            const int why = errno;   // kept, tried again at the part's next take, and said once
            if (!m_undroppable.contains(path)) {
                m_undroppable.insert(path);
                qCWarning(lcFiles).noquote() << "could not remove" << name << "from" << folder << ":" << qt_error_string(why);
            }
        }
        if (!published.contains(name))
            kept.append(name);
    }
    shown = kept + published;
}

QStringList &TakePublisher::shownIn(const QString &folder)
{
    auto known = m_shown.find(folder);
    if (known != m_shown.end())
        return *known;
    QStringList names = QDir(folder).entryList(QDir::Files);
    names.removeIf([](const QString &name) { return !FileStore::isStoreFileName(name); });
    return *m_shown.insert(folder, names);
}

void TakePublisher::withdraw(const QString &name)
{
    if (!FileStore::isStoreFileName(name))
        return;
    QMutexLocker lock(&m_mutex);
    for (const QString &folder : watchedFolders())
        QFile::remove(folder + QLatin1Char('/') + name);
    for (QStringList &shown : m_shown)
        shown.removeOne(name);
}

} // namespace aiband
