#pragma once

#include "StoredFile.h"
#include "util/Result.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <optional>

namespace aiband {

// What a generated file's name is made of, in the plugins' convention
// {timestamp}_{track_type}_{key}_{tempo}.mid, followed by a uniqueness suffix.
struct FileNaming {
    QString trackType;  // bass, drums, keys
    QString keyToken;   // Key::fileNameToken(): C, Fsm, Bb
    int tempoBpm = 120;
};

// The folder DAW plugins watch. Files appear atomically (QSaveFile: written to a temporary
// name, renamed when complete), so a plugin never reads half a file. Only names this store
// makes are ever served or deleted. Thread-safe: generations write from worker threads.
class FileStore {
public:
    // `durable`: each file is synced to the disk before it appears (QSaveFile), so it survives a
    // power cut; without it a file still appears whole (written aside, then renamed), but the
    // operating system may lose the newest ones if the machine itself goes down.
    explicit FileStore(QString directory, bool durable = true);

    QString directory() const { return m_directory; }
    Status prepare();   // creates the folder and checks it can be written

    Result<StoredFile> write(const FileNaming &naming, const QByteArray &bytes);
    QList<StoredFile> list() const;  // newest first
    // How many files the folder holds. Kept by the store's own writes and deletes, and re-read
    // at most every two seconds for changes made outside the app, so /health stays cheap with
    // a thousand files.
    int count() const;
    std::optional<StoredFile> find(const QString &name) const;
    Status remove(const QString &name);

    // True for names of the form this store writes; anything else (paths, "..", other
    // extensions, control characters) is refused before the file system is touched.
    static bool isStoreFileName(const QString &name);

private:
    std::optional<StoredFile> describe(const QString &name) const;
    static QString writeSynced(const QString &path, const QByteArray &bytes);   // error text or empty
    static QString writeRenamed(const QString &path, const QByteArray &bytes);

    QString m_directory;
    bool m_durable;
    QMutex m_writeMutex;        // guards m_reserved: choosing a free name and taking it is one step
    QSet<QString> m_reserved;   // names being written; the writes themselves run in parallel
    mutable QMutex m_countMutex;
    mutable int m_count = -1;        // -1: not known
    mutable QElapsedTimer m_countAge;
    void adjustCount(int delta);
};

} // namespace aiband
