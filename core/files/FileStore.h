#pragma once

#include "FileMetadata.h"
#include "StoredFile.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

// What a generated file's name is made of, in the plugins' convention
// {timestamp}_{track_type}_{key}_{tempo}.mid, followed by a uniqueness suffix.
struct FileNaming {
    QString trackType;  // bass, drums, keys
    QString keyToken;   // Key::fileNameToken(): C, Fsm, Bb
    int tempoBpm = 120;
};

// Which files cleanup() may remove: older than maxAgeHours (0: any age is kept), and the oldest
// beyond maxFiles. A file younger than minAgeSeconds is never removed (a plugin may be about to
// read it), nor a pinned one (being downloaded).
struct CleanupPolicy {
    double maxAgeHours = 24.0;
    int maxFiles = 1000;
    qint64 minAgeSeconds = 60;
};

// The folder DAW plugins watch. Files appear atomically (QSaveFile: written to a temporary
// name, renamed when complete), so a plugin never reads half a file. Each file's metadata
// sidecar is written before the file appears, in a hidden subfolder. Only names this store
// makes are ever served or deleted. Thread-safe: generations write from worker threads.
class FileStore {
public:
    // `durable`: each file is synced to the disk before it appears (QSaveFile), so it survives a
    // power cut; without it a file still appears whole (written aside, then renamed), but the
    // operating system may lose the newest ones if the machine itself goes down.
    explicit FileStore(QString directory, bool durable = true);

    static constexpr const char *kMetadataFolder = ".aiband-meta";

    QString directory() const { return m_directory; }
    QString metadataDirectory() const;
    // Creates the folder, checks it can be written, and removes what an interrupted run left
    // behind (temporary files, sidecars whose file is gone).
    Status prepare();
    // Temporary files and orphan sidecars of this store's names; returns the names removed.
    QStringList removeLeftovers();

    // Fails with "insufficient_storage" when the disk is full or over a quota or size limit,
    // "write_failed" for any other refusal; nothing half-written is left either way.
    Result<StoredFile> write(const FileNaming &naming, const QByteArray &bytes,
                             std::optional<FileMetadata> metadata = std::nullopt);
    QList<StoredFile> list() const;  // newest first
    // How many files the folder holds. Read once, then kept by the store's own writes and
    // deletes, and set again by every cleanup() pass (which lists the folder anyway, on the
    // maintenance timer), so changes made outside the app are counted within one pass. Never a
    // folder scan per call: /health and every generation ask, on the server's thread.
    int count() const;
    std::optional<StoredFile> find(const QString &name) const;
    std::optional<FileMetadata> readMetadata(const QString &fileName) const;
    Status remove(const QString &name);   // the file and its sidecar

    // Removes what the policy allows, oldest first; returns the names removed. `now` is a
    // parameter so tests can age files without waiting.
    // `nextChance`, when given, says when a file this pass kept only for being too young could
    // go (invalid: no such file), so callers need not list the folder again before then.
    QStringList cleanup(const CleanupPolicy &policy, const QDateTime &now = QDateTime::currentDateTimeUtc(),
                        QDateTime *nextChance = nullptr);

    // A pinned file is never removed by cleanup() (a download is reading or sending it).
    // Pins nest; every pin() needs one unpin().
    void pin(const QString &name);
    void unpin(const QString &name);
    bool isPinned(const QString &name) const;
    int pinnedCount() const;

    // True for names of the form this store writes; anything else (paths, "..", other
    // extensions, control characters) is refused before the file system is touched.
    static bool isStoreFileName(const QString &name);
    // The part a store name holds ("bass" in 20261124-120001-123_bass_C_120_abcdef.mid).
    static QString partOf(const QString &name);
    // The errors every caller gives for those names (field "filename"): invalid_filename for a
    // name this store never writes, file_not_found for one that is not there.
    static std::optional<Error> checkFileName(const QString &name);
    static Error fileNotFound(const QString &name);

private:
    std::optional<StoredFile> describe(const QString &name) const;
    static StoredFile entry(const QString &path, qint64 sizeBytes, const QDateTime &modified);
    QString metadataPath(const QString &name) const;
    Status removeFile(const StoredFile &file);
    Error writeError(const QString &name, const QString &error) const;
    // Both return an error text, or an empty string when the file is in place.
    static QString writeSynced(const QString &path, const QByteArray &bytes);
    static QString writeRenamed(const QString &path, const QByteArray &bytes);
    QString linkedFolder() const;   // why the store's folders cannot be written (a link), or empty
    QString writeFile(const QString &path, const QByteArray &bytes) const;

    QString m_directory;
    bool m_durable;
    QMutex m_writeMutex;        // guards m_reserved: choosing a free name and taking it is one step
    QSet<QString> m_reserved;   // names being written; the writes themselves run in parallel
    mutable QMutex m_countMutex;
    mutable int m_count = -1;        // -1: not known
    mutable QMutex m_pinMutex;
    QHash<QString, int> m_pins;
    void adjustCount(int delta);
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
