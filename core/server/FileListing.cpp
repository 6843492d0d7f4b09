#include "FileListing.h"

#include "files/FileStore.h"
#include "generation/GenerationResult.h"
#include "music/Key.h"
#include "util/CompactJson.h"
#include "util/IsoTime.h"

#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <optional>

namespace aiband {
namespace {

const QString kLimit = QStringLiteral("limit");
const QString kCursor = QStringLiteral("cursor");

QJsonValue nextCursorJson(const FilePage &page)
{
    return page.next ? QJsonValue(page.next->encode()) : QJsonValue(QJsonValue::Null);
}

// Letters, digits, '-', '.', '_' and '~': what a URL path keeps as it is (RFC 3986's unreserved
// characters), and every store name is made of them.
bool keptAsIsInUrls(QStringView name)
{
    return std::all_of(name.begin(), name.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-'
               || u == u'.' || u == u'_' || u == u'~';
    });
}

// Each file's download URL, as fileDownloadUrl() gives it. With nothing after the path (no query,
// no fragment) and names a URL keeps as they are, every file's URL is the first one's with its own
// name at the end: one QUrl per page instead of one per file. Any other name gets its own QUrl.
class FileUrls {
public:
    explicit FileUrls(const QUrl &baseUrl) : m_baseUrl(baseUrl) {}

    QString of(const QString &name)
    {
        if (!keptAsIsInUrls(name))
            return fileDownloadUrl(m_baseUrl, name).toString();
        if (m_prefix)
            return *m_prefix + name;
        QString url = fileDownloadUrl(m_baseUrl, name).toString();
        if (!m_baseUrl.hasQuery() && !m_baseUrl.hasFragment() && url.endsWith(name))
            m_prefix = url.chopped(name.size());
        return url;
    }

private:
    QUrl m_baseUrl;
    std::optional<QString> m_prefix;
};

// The original's listing entry (StoredFile::toJson(): filename, size, modified), our spellings
// beside it, and how the file was made (null for a file without metadata).
QByteArray fileEntryText(const StoredFile &file, const MetadataText *metadata, FileUrls &urls)
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

QByteArray midiEntryText(const StoredFile &file, FileUrls &urls)
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
    FileUrls urls(baseUrl);
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
    FileUrls urls(baseUrl);
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
