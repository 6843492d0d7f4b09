#pragma once

#include "StoredFile.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <map>
#include <optional>

namespace aiband {

// A place in the listing's order (newest first: modification time, then name, both
// descending): the last file of a page. A page after it starts with the next older file, so new
// files (newer than every cursor) and removed ones never shift the pages a client is reading.
struct FileCursor {
    qint64 modifiedMs = 0;   // milliseconds since 1970, UTC
    QString name;

    // An opaque string for clients (base64url), and back; nullopt for anything this never made.
    QString encode() const;
    static std::optional<FileCursor> decode(const QString &text);

    bool operator==(const FileCursor &) const = default;
};

struct FilePage {
    QList<StoredFile> files;           // newest first
    std::optional<FileCursor> next;    // nullopt on the last page
    qsizetype total = 0;               // every file in the index
};

// The takes folder in memory: name, size and modification time of every file, in the listing's
// order, so a page is O(log n + page size) and a count is O(1), never a folder scan. Not
// thread-safe: FileStore guards it.
class FileIndex {
public:
    explicit FileIndex(QString directory) : m_directory(std::move(directory)) {}

    // Adds a file, or replaces what is known of the one of the same name.
    void insert(const QString &name, qint64 sizeBytes, const QDateTime &modified);
    bool erase(const QString &name);
    bool contains(const QString &name) const { return m_modifiedOf.contains(name); }
    std::optional<StoredFile> find(const QString &name) const;
    qsizetype size() const { return m_modifiedOf.size(); }
    void clear();

    // Up to `limit` files after `after` (from the newest without it).
    FilePage page(const std::optional<FileCursor> &after, qsizetype limit) const;
    // Oldest first until `visit` returns false.
    void visitOldestFirst(const std::function<bool(const StoredFile &)> &visit) const;

private:
    struct NewestFirst {
        bool operator()(const FileCursor &a, const FileCursor &b) const
        {
            return a.modifiedMs != b.modifiedMs ? a.modifiedMs > b.modifiedMs : a.name > b.name;
        }
    };
    using Order = std::map<FileCursor, qint64, NewestFirst>;   // position -> size in bytes

    StoredFile storedFile(const Order::value_type &entry) const;

    QString m_directory;
    Order m_order;
    QHash<QString, qint64> m_modifiedOf;   // name -> modifiedMs, to find a name's position
};

} // namespace aiband
