#include "FileListing.h"

#include "files/FileStore.h"
#include "generation/DownloadUrls.h"
#include "music/Key.h"
#include "util/CompactJson.h"
#include "util/IsoTime.h"

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

// The original's listing entry (StoredFile::toJson(): filename, size, modified), our spellings
// beside it, and how the file was made (null for a file without metadata).
QByteArray fileEntryText(const StoredFile &file, const MetadataText *metadata, DownloadUrls &urls)
{
    CompactObjectText entry;
    entry.add(QLatin1String("created"), unixSeconds(metadata ? metadata->created : file.modified))
        .add(QLatin1String("filename"), file.name);
    if (metadata)
        entry.addText(QLatin1String("metadata"), metadata->json);
    else
        entry.add(QLatin1String("metadata"), QJsonValue());
    return entry.add(QLatin1String("modified"), unixSeconds(file.modified))
        .add(QLatin1String("modified_at"), isoTimeWithMs(file.modified))
        .add(QLatin1String("name"), file.name)
        .add(QLatin1String("path"), file.path)
        .add(QLatin1String("size"), file.sizeBytes)
        .add(QLatin1String("size_bytes"), file.sizeBytes)
        .add(QLatin1String("track_type"), file.trackType)
        .add(QLatin1String("url"), urls.of(file.name))
        .text();
}

QByteArray midiEntryText(const StoredFile &file, DownloadUrls &urls)
{
    // Names carry the key with '#' spelled 's' (Fsm) and the tempo: {time}_{type}_{key}_{tempo}_{id}.mid
    return CompactObjectText()
        .add(QLatin1String("created"), isoTimeWithMs(file.modified))
        .add(QLatin1String("file_id"), file.name)
        .add(QLatin1String("filename"), file.name)
        .add(QLatin1String("key"), Key::nameFromFileNameToken(FileStore::nameField(file.name, 2).toString()))
        .add(QLatin1String("path"), file.path)
        .add(QLatin1String("size_bytes"), file.sizeBytes)
        .add(QLatin1String("tempo"), FileStore::nameField(file.name, 3).toInt())
        .add(QLatin1String("track_type"), file.trackType)
        .add(QLatin1String("url"), urls.of(file.name))
        .text();
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

QByteArray filesPageText(const FileStore &store, const FilePage &page, const QUrl &baseUrl)
{
    QStringList names;
    names.reserve(page.files.size());
    for (const StoredFile &file : page.files)
        names.append(file.name);
    const QHash<QString, MetadataText> metadata = store.readMetadataTexts(names);   // one query per page
    DownloadUrls urls(baseUrl);
    QList<QByteArray> files;
    files.reserve(page.files.size());
    for (const StoredFile &file : page.files) {
        const auto found = metadata.constFind(file.name);
        files.append(fileEntryText(file, found != metadata.cend() ? &found.value() : nullptr, urls));
    }
    return CompactObjectText()
        .add(QLatin1String("count"), static_cast<qint64>(files.size()))
        .addText(QLatin1String("files"), compactArrayText(files))
        .add(QLatin1String("files_dir"), store.directory())
        .add(QLatin1String("next_cursor"), nextCursorJson(page))
        .add(QLatin1String("total"), static_cast<qint64>(page.total))
        .text();
}

QByteArray midiListText(const FilePage &page, const QUrl &baseUrl)
{
    DownloadUrls urls(baseUrl);
    QList<QByteArray> files;
    files.reserve(page.files.size());
    for (const StoredFile &file : page.files)
        files.append(midiEntryText(file, urls));
    return CompactObjectText()
        .add(QLatin1String("count"), static_cast<qint64>(files.size()))
        .addText(QLatin1String("files"), compactArrayText(files))
        .add(QLatin1String("next_cursor"), nextCursorJson(page))
        .add(QLatin1String("total"), static_cast<qint64>(page.total))
        .text();
}

QJsonArray fileNamesJson(const FilePage &page)
{
    QJsonArray names;
    for (const StoredFile &file : page.files)
        names.append(file.name);
    return names;
}

} // namespace aiband
