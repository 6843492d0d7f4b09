#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

// Files a trim or a delete took out of the takes folder, kept under hidden names to be written
// again as new takes' parts, instead of being unlinked and new files made.
//
// Why: making a file means finding a free inode, and ext4 skips every inode freed in the last
// ~30 s (recently_deleted(), which reads each one's inode block to know). A folder held at
// plugin.max_files frees two inodes per take, so during a burst every new part searched past
// thousands of them: perf showed 40 % of the server's time there, and a non-durable take's write
// went from 0.74 ms in a fresh folder to 1.57 ms once trimming began. A recycled file costs a
// rename and keeps its block.
//
// A spare is reused only when nothing else could see its old bytes change: no other link to it
// (a watched folder still playing it), and no open file anywhere (another program, or this one,
// reading it): the kernel grants a write lease only then, and an open by anyone else while it
// is held would wait for its release, so the check has no gap. Where leases are not possible,
// files are not kept.
class SpareFiles {
public:
    static constexpr int kDefaultCapacity = 64;

    explicit SpareFiles(QString folder, int capacity = kDefaultCapacity);
    SpareFiles(const SpareFiles &) = delete;
    SpareFiles &operator=(const SpareFiles &) = delete;

    // Takes `path` (a file of the folder) out of its name: kept as a spare when there is room and
    // nothing else links it, unlinked otherwise. false, with errno set, when the name stays.
    bool retire(const QString &path);
    // A spare, renamed to `path` (which must not exist), open for writing at its start: its old
    // bytes are still there until written over (write, then truncate to the new size, so its
    // blocks are reused). nullopt when there is none that may be reused: make a new file.
    std::optional<int> reuse(const QString &path);
    // Every spare on disk (an earlier run's included) removed: at start, and when the folder is
    // emptied. Returns how many.
    int removeAll();

    int count() const;
    // True for the hidden names spares have, so leftovers and listings can tell them apart.
    static bool isSpareName(const QString &name);

private:
    bool keep(const QString &path);
    std::optional<int> openForReuse(const QString &spare, const QString &path);

    QString m_folder;
    mutable QMutex m_mutex;   // guards what follows
    int m_capacity;
    QStringList m_spares;   // hidden names in m_folder, reused last in, first out
    quint64 m_next = 0;     // numbers the spares' names
};

} // namespace aiband
