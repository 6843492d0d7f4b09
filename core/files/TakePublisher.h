#pragma once

#include <optional>

#include "StoredFile.h"
#include "util/Result.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

namespace aiband {

class FileStore;

// What the folders plugins watch hold: the newest take's parts, and nothing else.
//
// The AI Band plugin lists *.mid in one folder (not its subfolders) every 500 ms and plays the
// last file whose name holds "bass" (and "drum"), in directory order (docs/PLUGIN.md). So the
// history of takes lives in `<watched>/takes/` (the FileStore's folder), and a published take's
// parts are linked into `<watched>/` (the newest take of anyone) and, for a plugin that gave its
// id, `<watched>/plugins/<id>/` (its own newest take): each part appears complete under its own
// name (a hard link; a copy under a hidden name, then a rename, where links cannot be made), then
// the earlier takes' files of the same part leave. A take of only some parts (a regenerated bass) leaves the others playing.
// Thread-safe: generations publish from worker threads, one at a time.
class TakePublisher {
public:
    static constexpr const char *kTakesFolder = "takes";
    static constexpr const char *kPluginsFolder = "plugins";

    explicit TakePublisher(QString watchedFolder);

    // Where the history of takes goes for a watched folder.
    static QString takesFolderOf(const QString &watchedFolder);
    QString watchedFolder() const { return m_watched; }
    // A plugin's own folder; empty for an id that cannot name one ("." or "..").
    QString pluginFolder(const QString &pluginId) const;

    // Creates the watched folder, removes what an interrupted publish left, places again a take's
    // file a folder shows that does not hold its take's bytes (a copy a power cut cut short), and
    // moves the files an earlier version kept in the watched folder itself into `store` (the
    // takes folder; their sidecars go into its index), so the plugin no longer picks among old
    // takes.
    Status prepare(FileStore &store);

    // `files` are one take's parts, each with its track type (the store's paths).
    Status publish(const QList<StoredFile> &files, const QString &pluginId);
    // A file deleted from the store leaves every watched folder too.
    void withdraw(const QString &name);

private:
    std::optional<Error> place(const QStringList &folders, const QList<StoredFile> &files);
    void retireEarlier(const QString &folder, const QList<StoredFile> &files);
    void refreshStaleCopies(const QString &folder, const QString &storeFolder);   // at start
    QStringList watchedFolders() const;   // the shared one and every plugin's
    QStringList &shownIn(const QString &folder);
    bool makeFolder(const QString &folder, bool again);

    QString m_watched;
    QMutex m_mutex;   // guards m_shown, and makes publishing one take at a time
    // Per folder, the take files in it: read from the folder once, then kept by publishing and
    // withdrawing, so a take's publish does not list the folder again (a listing was most of its
    // cost, callgrind).
    QHash<QString, QStringList> m_shown;
    // Folders that cannot link to the takes (another file system, or one without hard links):
    // they take copies, found at their first publish.
    QSet<QString> m_copying;
    QSet<QString> m_made;   // plugins' folders made (or found) since prepare()
    QSet<QString> m_undroppable;   // earlier takes' files a folder would not let go, said once each
};

} // namespace aiband
