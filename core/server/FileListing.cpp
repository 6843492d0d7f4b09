#include "FileListing.h"

#include "files/FileStore.h"
#include "generation/GenerationResult.h"
#include "music/Key.h"

#include <QUrl>
#include <QUrlQuery>

namespace aiband {
namespace {

const QString kLimit = QStringLiteral("limit");
const QString kCursor = QStringLiteral("cursor");

QJsonValue nextCursorJson(const FilePage &page)
{
    return page.next ? QJsonValue(page.next->encode()) : QJsonValue(QJsonValue::Null);
}

// The original's listing entry, our spellings beside it, and how the file was made (null for
// a file without metadata).
QJsonObject fileEntry(const StoredFile &file, const FileMetadata *metadata, const QUrl &baseUrl)
{
    QJsonObject entry = file.toJson();
    entry.insert(QStringLiteral("url"), fileDownloadUrl(baseUrl, file.name).toString());
    entry.insert(QStringLiteral("metadata"), metadata ? QJsonValue(metadata->toJson()) : QJsonValue());
    entry.insert(QStringLiteral("created"), unixSeconds(metadata ? metadata->created : file.modified));
    return entry;
}

QJsonObject midiEntry(const StoredFile &file, const QUrl &baseUrl)
{
    // Names carry the key with '#' spelled 's' (Fsm) and the tempo: {time}_{type}_{key}_{tempo}_{id}.mid
    const QString key = Key::nameFromFileNameToken(file.name.section(QLatin1Char('_'), 2, 2));
    return QJsonObject{{QStringLiteral("file_id"), file.name},
                       {QStringLiteral("filename"), file.name},
                       {QStringLiteral("track_type"), file.trackType},
                       {QStringLiteral("key"), key},
                       {QStringLiteral("tempo"), file.name.section(QLatin1Char('_'), 3, 3).toInt()},
                       {QStringLiteral("url"), fileDownloadUrl(baseUrl, file.name).toString()},
                       {QStringLiteral("path"), file.path},
                       {QStringLiteral("size_bytes"), file.sizeBytes},
                       {QStringLiteral("created"), file.modified.toUTC().toString(Qt::ISODateWithMs)}};
}

} // namespace

Result<PageRequest> readPageRequest(const QUrlQuery &query, qsizetype defaultLimit)
{
    PageRequest request;
    request.limit = defaultLimit;
    if (query.hasQueryItem(kLimit)) {
        bool isNumber = false;
        request.limit = query.queryItemValue(kLimit).toLongLong(&isNumber);
        if (!isNumber || request.limit < 1 || request.limit > PageRequest::kMaxLimit)
            return makeError(QStringLiteral("invalid_field"),
                             QStringLiteral("limit must be a whole number from 1 to %1").arg(PageRequest::kMaxLimit), kLimit);
    }
    if (query.hasQueryItem(kCursor)) {
        request.after = FileCursor::decode(query.queryItemValue(kCursor, QUrl::FullyDecoded));
        if (!request.after)
            return makeError(QStringLiteral("invalid_field"),
                             QStringLiteral("cursor must be the next_cursor of an earlier page, as it was given"), kCursor);
    }
    return request;
}

QJsonObject filesPageJson(const FileStore &store, const FilePage &page, const QUrl &baseUrl)
{
    QStringList names;
    names.reserve(page.files.size());
    for (const StoredFile &file : page.files)
        names.append(file.name);
    const QHash<QString, FileMetadata> metadata = store.readSidecars(names);   // one query per page
    QJsonArray files;
    for (const StoredFile &file : page.files) {
        const auto found = metadata.constFind(file.name);
        files.append(fileEntry(file, found != metadata.cend() ? &found.value() : nullptr, baseUrl));
    }
    return {{QStringLiteral("files"), files},
            {QStringLiteral("count"), files.size()},
            {QStringLiteral("total"), page.total},
            {QStringLiteral("next_cursor"), nextCursorJson(page)},
            {QStringLiteral("files_dir"), store.directory()}};
}

QJsonObject midiListJson(const FilePage &page, const QUrl &baseUrl)
{
    QJsonArray files;
    for (const StoredFile &file : page.files)
        files.append(midiEntry(file, baseUrl));
    return {{QStringLiteral("files"), files},
            {QStringLiteral("count"), files.size()},
            {QStringLiteral("total"), page.total},
            {QStringLiteral("next_cursor"), nextCursorJson(page)}};
}

QJsonArray fileNamesJson(const FilePage &page)
{
    QJsonArray names;
    for (const StoredFile &file : page.files)
        names.append(file.name);
    return names;
}

} // namespace aiband
