#pragma once

#include "FileIndex.h"
#include "FileMetadata.h"
#include "SpareFiles.h"
#include "StoredFile.h"
#include "TakeSettler.h"
#include "TakesIndex.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace aiband {

template <typename Entry>
class GroupCommit;

// What a generated file's name is made of, in the plugins' convention
// {timestamp}_{track_type}_{key}_{tempo}.mid, followed by a uniqueness suffix.
struct FileNaming {
    QString trackType;  // bass, drums, keys
    QString keyToken;   // Key::fileNameToken(): C, Fsm, Bb
    int tempoBpm = 120;
};

// One part of a take to write: its name's fields, its bytes, and how it was made (a part
// written without metadata is indexed with what its name says).
struct TakePart {
    FileNaming naming;
    QByteArray bytes;
    std::optional<FileMetadata> metadata;
    JsonTextCache *texts = nullptr;   // IndexedPart::texts
};

// Which files cleanup() may remove: older than maxAgeHours (0: any age is kept), and the oldest
// beyond maxFiles. A pinned file (being downloaded, or a take not yet published) is never
// removed. A file younger than minAgeSeconds is never removed for its age (a plugin may be about
// to read it), but the count holds whatever the age: a burst of generations writes thousands of
// files a minute, and plugin.max_files is what keeps the disk from filling.
//
// A folder over maxFiles is trimmed a little under it (by maxFiles / kTrimMargin, none for a
// limit under 32), so a burst that adds a file at a time is trimmed every few takes, not after
// each: a trim is a hand-off to a worker and back, a log line, and with durable writes often a
// synced commit (its files' bytes still wait to settle); after every take that was a fifth of a
// take's CPU (docs/BENCHMARKS.md, "Trims every few takes").
struct CleanupPolicy {
    static constexpr int kTrimMargin = 32;

    double maxAgeHours = 24.0;
    int maxFiles = 1000;
    qint64 minAgeSeconds = 60;

    // How many files a folder over maxFiles keeps after its trim.
    int keptAfterTrim() const { return maxFiles - maxFiles / kTrimMargin; }
};

// The history of takes (<plugin.folder>/takes/). A take is one commit: its parts are written
// under hidden names (".<name>.partial"), their rows go into the takes index (TakesIndex, one
// transaction), and only then are the parts renamed into place, so every .mid the folder shows
// has its row, and a take interrupted at any point is whole or absent after the next start
// (removeLeftovers() finishes the renames of a committed take, restoreUnsettledParts() first
// makes a durable take's parts hold the bytes its rows kept). Only names this store makes are
// ever served or deleted. Thread-safe: generations write from worker threads.
//
// With durable writes, a take's commit is its only sync: its rows and its parts' bytes in one
// transaction of the index, synced; takes that are ready while another's commit is in flight are
// committed together (GroupCommit). The files follow once the takes pause (TakeSettler,
// settle()), many takes at once: a sync per part and folder was four flushes of the disk per take.
//
// What the folder holds is kept in memory (FileIndex): read once by prepare(), then kept by the
// store's own writes, deletes and cleanups, and reconciled with the folder by every full
// cleanup() pass (on a worker thread), so changes made outside the app show within one pass.
// Listing, paging, counting and finding never scan the folder: they run on the server's thread.
class FileStore {
public:
    // `durable`: a take is on the disk before it appears and is answered: its rows and its parts'
    // bytes are committed to the takes index with synchronous=FULL (one sync of the index's
    // journal), so it survives a power cut: start-up writes again any part a cut left short or
    // took (a rename the cut took is done again). The files themselves reach the disk once the
    // takes pause (kSettleQuiet, kSettleLongest), many takes in one sync of the file system
    // (settle()), and the index then forgets their bytes. Without it a take still appears whole
    // (written aside, indexed, renamed) and survives the process being killed, but the operating
    // system may lose the newest takes if the machine itself goes down.
    explicit FileStore(QString directory, bool durable = true);
    ~FileStore();
    FileStore(const FileStore &) = delete;
    FileStore &operator=(const FileStore &) = delete;

    // Where versions before the takes index kept each file's metadata (<name>.json): read into
    // the index by prepare() (and adopt()), then removed.
    static constexpr const char *kMetadataFolder = ".aiband-meta";

    QString directory() const { return m_directory; }
    QString metadataDirectory() const;   // the old sidecars' folder, which prepare() empties
    QString indexPath() const { return m_takes.path(); }
    // Creates the folder, checks it can be written, opens the takes index (moving a damaged one
    // aside), finishes or removes takes an interrupted run left, moves old sidecars into the
    // index, gives every file without a row one rebuilt from the file, drops rows whose file is
    // gone, and reads the folder into memory.
    Status prepare();
    // Temporary files of this store's names and takes interrupted before their renames (finished
    // when their rows were committed, removed otherwise); returns the names removed.
    QStringList removeLeftovers();

    // One take: every part written, indexed and placed, or none. Fails with
    // "insufficient_storage" when the disk is full or over a quota or size limit, "write_failed"
    // for any other refusal; nothing half-written is left either way. The parts come back
    // pinned, from before a trim could see them: each pin is the caller's to release (unpin()),
    // once the watched folders have the take.
    Result<QList<StoredFile>> writeTake(QList<TakePart> parts);
    // A take of one part, not pinned.
    Result<StoredFile> write(const FileNaming &naming, const QByteArray &bytes,
                             std::optional<FileMetadata> metadata = std::nullopt);
    // A file an earlier version kept in the watched folder, moved into this folder by
    // TakePublisher::prepare(): indexed from its old sidecar `oldSidecar` (then removed), or
    // rebuilt from the file without one.
    void adopt(const QString &name, const QString &oldSidecar);
    // Every file, newest first (modification time, then name), from the index. O(n): for the
    // window; HTTP clients get pages.
    QList<StoredFile> list() const;
    // Up to `limit` files after `after` (from the newest without it), from the index.
    FilePage page(const std::optional<FileCursor> &after, qsizetype limit) const;
    // How many files the folder holds, from the index: /health and every generation ask.
    int count() const;
    // The file on disk (one stat): nullopt for a name this store never makes, or one not there.
    std::optional<StoredFile> find(const QString &name) const;
    // How the file was made, from the takes index; nullopt for a file whose row was rebuilt from
    // the MIDI file (the index was lost or damaged, or the file was put here by hand): its request
    // is unknown, so it cannot be regenerated (404 metadata_not_found).
    std::optional<FileMetadata> readMetadata(const QString &fileName) const;
    // The same without looking at the file: for names just listed (the name is from when
    // metadata lived in sidecar files).
    std::optional<FileMetadata> readSidecar(const QString &fileName) const;
    // readSidecar() for a page of names at once, by name (those without metadata left out), as
    // the text listings answer: the takes index is asked once per hundred names, not once per
    // name (TakesIndex::metadataTexts()).
    QHash<QString, MetadataText> readMetadataTexts(const QStringList &fileNames) const;
    // The file's row as it is, rebuilt ones included (name fields, tempo, bars).
    std::optional<IndexedPart> indexedPart(const QString &fileName) const;
    Status remove(const QString &name);   // the file and its index row

    // Reconciles the index with the folder (one stat per file: for a worker thread), then
    // trim(); returns the names removed. `now` is a parameter so tests can age files without
    // waiting.
    QStringList cleanup(const CleanupPolicy &policy, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // Removes what the policy allows, oldest first, choosing from the index alone: O(removed
    // log n), so it can follow every burst of writes. Returns the names removed.
    QStringList trim(const CleanupPolicy &policy, const QDateTime &now = QDateTime::currentDateTimeUtc());
    // Brings the index in line with the folder: files added, removed or rewritten by others.
    void reconcile();

    // A pinned file is never removed by cleanup() (a download is reading or sending it).
    // Pins nest; every pin() needs one unpin().
    void pin(const QString &name);
    void unpin(const QString &name);
    bool isPinned(const QString &name) const;
    int pinnedCount() const;

    // Durable takes' files reach the disk once the takes pause for kSettleQuiet, and at the latest
    // kSettleLongest after the first of them (one sync of the file system for all); a power cut
    // before then leaves them to start-up.
    static constexpr std::chrono::milliseconds kSettleQuiet{100};
    static constexpr std::chrono::milliseconds kSettleLongest{2000};
    // Syncs the takes folder's file system and forgets the bytes of every take committed before
    // the call (TakesIndex::settle()). The settler calls it; tests and closing may call it.
    Status settle();
    void setSettleDelay(std::chrono::milliseconds delay);   // both delays; tests keep takes unsettled with a long one
    // Why the last settle failed (its sync did not take every write: the waiting parts were
    // written again from the index; or the index could not record it), empty once one succeeds;
    // the settler tries again either way. For
    // the session's storage problem; thread-safe and never waits for a settle in progress.
    QString settleProblem() const;
    // Tests: asked instead of the file system's sync; an error text fails the settle with it,
    // empty syncs as usual.
    using SyncHook = std::function<QString()>;
    void setSyncHook(SyncHook hook);
    // Tests: runs just before and just after a take's parts are renamed into place, with their
    // names, to put a race (a file taking a name, a client's delete) exactly there.
    enum class PlacingStage { BeforeRenames, AfterRenames };
    using PlacingHook = std::function<void(PlacingStage, const QStringList &names)>;
    void setPlacingHook(PlacingHook hook) { m_placingHook = std::move(hook); }
    // How many commit rounds durable takes have used so far (fewer than the takes when
    // concurrent ones were grouped): for tests and benchmarks.
    quint64 commitRounds() const;
    quint64 syncedIndexCommits() const { return m_takes.syncedCommits(); }   // for tests

    // True for names of the form this store writes; anything else (paths, "..", other
    // extensions, control characters) is refused before the file system is touched.
    static bool isStoreFileName(const QString &name);
    // A regular file (not a link) holding exactly `bytes`: a part or a watched folder's copy whole.
    static bool holdsBytes(const QString &path, const QByteArray &bytes);
    // The part a store name holds ("bass" in 20261124-120001-123_bass_C_120_abcdef.mid).
    static QString partOf(const QString &name);
    // The n-th '_'-separated field of a store name ({time}_{part}_{key}_{tempo}_{id}.mid), as
    // QString::section('_', n, n) gives it.
    static QStringView nameField(QStringView name, int n);
    // The errors every caller gives for those names (field "filename"): invalid_filename for a
    // name this store never writes, file_not_found for one that is not there.
    static std::optional<Error> checkFileName(const QString &name);
    static Error fileNotFound(const QString &name);
    // Whether a failure's text (the system's words for errno, as Qt gives them) means no room:
    // a full disk, an exhausted quota, a file size limit.
    static bool isOutOfSpace(const QString &error);
    // Why a write to `file` failed, in words (what isOutOfSpace() reads), given errno after it.
    static QString failureText(const QFileDevice &file, int systemError);

    // A take waiting for its commit: its rows (with its parts' bytes); the round sets failure.
    struct PendingTake {
        QList<IndexedPart> rows;
        std::optional<Error> failure;
    };

private:
    std::optional<StoredFile> describe(const QString &name) const;
    static StoredFile entry(const QString &path, qint64 sizeBytes, const QDateTime &modified);
    QList<StoredFile> scanFolder() const;   // every store file on disk, one stat each
    void ensureIndexed() const;             // the first scan, for a store used before prepare()
    QStringList chooseForRemoval(const CleanupPolicy &policy, const QDateTime &now) const;
    void logRemoval(const CleanupPolicy &policy, const QStringList &removed, const QStringList &failed) const;
    // A client's delete unlinks (its bytes leave the disk); a trim keeps the file as a spare.
    enum class Removal { Unlink, KeepAsSpare };
    Status removeFile(const StoredFile &file, Removal how);
    Error writeError(const QString &name, const QString &error) const;
    Error indexError(const Error &error) const;
    QString partialPath(const QString &name) const;
    QStringList reserveNames(const QList<TakePart> &parts);
    void releaseNames(const QStringList &names);
    // A part's bytes written under `path` (into a spare file when one may be reused, a new one
    // otherwise), and the file's modification time after; or why not.
    struct WrittenPart {
        QString error;   // empty when written
        QDateTime modified;
    };
    WrittenPart writeAside(const QString &path, const QByteArray &bytes);
    std::optional<WrittenPart> writeIntoSpare(const QString &path, const QByteArray &bytes);   // nullopt: no spare
    static WrittenPart writeWhole(int handle, const QByteArray &bytes, bool cut);
    QList<IndexedPart> rowsOf(const QList<TakePart> &parts, const QStringList &names) const;
    // The rows in the index; with durable writes with the parts' bytes, synced, grouped with
    // other takes' commits, and settled later.
    std::optional<Error> commit(const QList<IndexedPart> &rows);
    void commitRound(const QList<PendingTake *> &batch);   // one durable commit for every take in it
    QString placeParts(const QStringList &names, qsizetype *placed = nullptr);   // the renames; an error text or empty
    QString syncFolder() const;                      // one fsync of the folder when durable
    bool holdsItsBytes(const QString &name, const QByteArray &digest) const;   // a hidden part, at start
    QString linkedFolder() const;   // why the store's folder cannot be written (a link), or empty
    // Recovery at start, and the old sidecars.
    Status restoreUnsettledParts();
    // A part's bytes written again: over its file, or (Make) as a new one where none is, a link
    // planted under its name removed. An error text or empty.
    enum class IfMissing { Make, Skip };
    QString restorePart(const QString &name, const QByteArray &bytes, IfMissing missing = IfMissing::Make);
    bool isUnsettled(const QString &name) const;   // its bytes still wait in the index
    // The rows of files already gone, synced when a part's bytes wait; rows the index cannot
    // remove are said and left to a later commit.
    void forgetRows(const QStringList &names);
    QString replaceSettleProblem(const QString &problem);   // returns the one before
    Status settleFailed(const QString &message);   // reported, and tried again later
    QStringList finishInterruptedTakes(const QSet<QString> &partials);
    void migrateSidecars();
    void indexUnknownFiles(const QList<StoredFile> &files, bool rebuilding);
    IndexedPart rebuiltPart(const StoredFile &file) const;
    void updateRows(const QList<StoredFile> &added, const QStringList &erased);

    QString m_directory;
    bool m_durable;
    TakesIndex m_takes;
    SpareFiles m_spares;   // trimmed files, written again as new parts
    std::unique_ptr<GroupCommit<PendingTake>> m_commits;
    // Names of durable takes' parts whose bytes the index still keeps: removing one removes its
    // row in a synced commit, not with a later take.
    mutable QMutex m_unsettledMutex;   // guards m_unsettled and m_settleProblem
    QSet<QString> m_unsettled;
    QString m_settleProblem;
    QMutex m_settleMutex;              // one settle at a time; guards m_syncHook
    SyncHook m_syncHook;
    // The takes folder, open for as long as the store: the kernel reports a failed write to a
    // syncfs only through descriptors opened before it, so a new one for each settle would take
    // a lost write for a written one.
    class FolderHandle {
    public:
        FolderHandle() = default;
        FolderHandle(const FolderHandle &) = delete;
        FolderHandle &operator=(const FolderHandle &) = delete;
        ~FolderHandle();
        QString open(const QString &folder);   // once; an error text or empty
        int handle() const { return m_handle; }

    private:
        int m_handle = -1;
    };
    FolderHandle m_syncHandle;
    // Guards m_index and m_reserved. A removed file leaves the index under it after its unlink
    // (removeFile()), and reconcile() looks at every file that differs again under it, so it never
    // brings back a file a delete has just taken.
    mutable QMutex m_indexMutex;
    mutable FileIndex m_index;
    // Names of takes being written, from their choice until indexed (the writes run in parallel);
    // a client's delete of a part in between takes its name out, and it is not indexed.
    QSet<QString> m_reserved;
    PlacingHook m_placingHook;
    mutable bool m_indexed = false;
    mutable QMutex m_pinMutex;
    QHash<QString, int> m_pins;
    TakeSettler m_settler;   // last: it settles what waits before the rest goes
};

// Holds a pin for as long as it lives.
class FilePin {
public:
    FilePin(FileStore &store, QString name) : m_store(&store), m_name(std::move(name)) { m_store->pin(m_name); }
    ~FilePin() { m_store->unpin(m_name); }
    FilePin(const FilePin &) = delete;
    FilePin &operator=(const FilePin &) = delete;

private:
    FileStore *m_store;
    QString m_name;
};

} // namespace aiband
