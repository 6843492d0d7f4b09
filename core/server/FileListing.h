#pragma once

#include "files/FileIndex.h"
#include "util/Result.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

class QUrl;
class QUrlQuery;

namespace aiband {

class FileStore;

// The file listings' pages (docs/PROTOCOL.md, "Listing files"): ?limit= and ?cursor=, answered
// from the store's index, so a page costs its own size, never the folder's.
struct PageRequest {
    static constexpr qsizetype kMaxLimit = 1000;
    qsizetype limit = 100;
    std::optional<FileCursor> after;
};

// 422 invalid_field naming `limit` (not a whole number from 1 to kMaxLimit) or `cursor` (not
// one this server handed out).
Result<PageRequest> readPageRequest(const QUrlQuery &query, qsizetype defaultLimit);

// The listings' answers are written as text, field by field (CompactObjectText), not built as a
// QJsonObject per file: the same bytes as compactJson() of those objects (tst_file_api compares
// them), at a fraction of the cost (docs/BENCHMARKS.md, "Listing files").

// GET /api/files: the original's {files, count, files_dir}, each file with its metadata (the
// page's rows of the takes index only are read, a hundred in one query), and total and
// next_cursor beside them.
QByteArray filesPageText(const FileStore &store, const FilePage &page, const QUrl &baseUrl);
// GET /api/midi/list: {files, count, total, next_cursor} in the plugins' shape.
QByteArray midiListText(const FilePage &page, const QUrl &baseUrl);

// GET /files: the names alone (the published plugin's client reads a bare list).
QJsonArray fileNamesJson(const FilePage &page);

} // namespace aiband
