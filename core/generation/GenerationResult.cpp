#include "GenerationResult.h"

#include "util/CompactJson.h"

namespace aiband {

QJsonObject GeneratedFile::toJson(DownloadUrls &urls) const
{
    return QJsonObject{{QStringLiteral("filename"), file.name},
                       {QStringLiteral("track_type"), trackType},
                       {QStringLiteral("url"), urls.of(file.name)},
                       {QStringLiteral("path"), file.path},
                       {QStringLiteral("size_bytes"), file.sizeBytes},
                       {QStringLiteral("note_count"), noteCount}};
}

QByteArray GeneratedFile::toJsonText(DownloadUrls &urls) const
{
    return CompactObjectText()
        .add(QLatin1String("filename"), file.name)
        .add(QLatin1String("note_count"), noteCount)
        .add(QLatin1String("path"), file.path)
        .add(QLatin1String("size_bytes"), file.sizeBytes)
        .add(QLatin1String("track_type"), trackType)
        .add(QLatin1String("url"), urls.of(file.name))
        .text();
}

} // namespace aiband
