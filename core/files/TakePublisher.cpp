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

// A part on its way into a watched folder: hidden, and not *.mid, so no plugin lists it.
const QString kPublishingPrefix = QStringLiteral(".aiband-publishing-");

// A hard link shares the take's bytes (no copy, no extra disk space, appears whole); a file
// system without hard links gets a copy.
QString linkOrCopy(const QString &from, const QString &to)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
    if (::link(source.constData(), target.constData()) == 0)
        return {};
    if (errno == EEXIST) {   // an interrupted publish's leftover: only then an unlink
        QFile::remove(to);
        if (::link(source.constData(), target.constData()) == 0)
            return {};
    }
    const int linkError = errno;
    if (QFile::copy(from, to))
        return {};
    return QStringLiteral("cannot link or copy %1 to %2: %3").arg(from, to, qt_error_string(linkError));
}

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
    if (!QDir().mkpath(m_watched))
        return makeError(QStringLiteral("files_dir_unavailable"),
                         QStringLiteral("cannot create the files folder %1").arg(m_watched));
    for (const QString &folder : watchedFolders()) {
        QDir dir(folder);
        for (const QString &name : dir.entryList({kPublishingPrefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden))
            dir.remove(name);
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

// A take appears whole in every folder or in none: every part is staged under a hidden name in
// every folder first (where a full disk or a missing file shows), and only then renamed into
// place, after which the earlier takes' files of the same parts leave.
Status TakePublisher::publish(const QList<StoredFile> &files, const QString &pluginId)
{
    QMutexLocker lock(&m_mutex);   // takes finishing together publish one after the other
    QStringList folders{m_watched};
    if (const QString own = pluginFolder(pluginId); !own.isEmpty()) {
        if (!QDir().mkpath(own))
            return makeError(QStringLiteral("write_failed"), QStringLiteral("cannot create the plugin folder %1").arg(own));
        folders.append(own);
    }
    // A part a client deleted while its take was being finished is not published (its deletion
    // has already withdrawn it); one deleted while this runs makes it start over without it.
    QList<StoredFile> present;
    QStringList staged;
    const auto unstage = [&staged] {
        for (const QString &path : std::as_const(staged))
            QFile::remove(path);
        staged.clear();
    };
    for (int attempt = 0; attempt < 3; ++attempt) {
        present.clear();
        std::copy_if(files.cbegin(), files.cend(), std::back_inserter(present),
                     [](const StoredFile &file) { return QFileInfo::exists(file.path); });
        const std::optional<Error> failed = stage(folders, present, staged);
        if (!failed)
            break;
        unstage();
        const bool partGone = std::any_of(present.cbegin(), present.cend(),
                                          [](const StoredFile &file) { return !QFileInfo::exists(file.path); });
        if (!partGone || attempt == 2)
            return *failed;
    }
    for (const QString &folder : folders) {
        if (Status placed = placeStaged(folder, present); !placed) {
            unstage();
            return placed;
        }
    }
    return Done{};
}

// Links (or copies) every part into every folder under its hidden publishing name.
std::optional<Error> TakePublisher::stage(const QStringList &folders, const QList<StoredFile> &files,
                                          QStringList &staged)
{
    for (const QString &folder : folders) {
        for (const StoredFile &file : files) {
            const QString temporary = folder + QLatin1Char('/') + kPublishingPrefix + file.name;
            if (const QString error = linkOrCopy(file.path, temporary); !error.isEmpty())
                return makeError(QStringLiteral("write_failed"), error);
            staged.append(temporary);
        }
    }
    return std::nullopt;
}

// Renames the staged parts into place, then removes the earlier takes' files of those parts.
Status TakePublisher::placeStaged(const QString &folder, const QList<StoredFile> &files)
{
    QDir dir(folder);
    QStringList parts;
    QStringList published;
    for (const StoredFile &file : files) {
        if (!renameNoReplace(dir.filePath(kPublishingPrefix + file.name), dir.filePath(file.name))) {
            for (const QString &name : std::as_const(published))
                dir.remove(name);
            return makeError(QStringLiteral("write_failed"), QStringLiteral("cannot publish %1 in %2").arg(file.name, folder));
        }
        parts.append(file.trackType);
        published.append(file.name);
    }
    QStringList &shown = shownIn(folder);
    QStringList kept;
    for (const QString &name : std::as_const(shown)) {
        const bool earlier = parts.contains(FileStore::partOf(name)) && !published.contains(name);
        if (earlier && (dir.remove(name) || !dir.exists(name)))
            continue;   // removed, or already gone (deleted by hand)
        if (!published.contains(name))
            kept.append(name);
    }
    shown = kept + published;
    return Done{};
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
