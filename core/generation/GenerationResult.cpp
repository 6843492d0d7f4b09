#include "GenerationResult.h"

#include "util/CompactJson.h"

namespace aiband {

QUrl fileDownloadUrl(const QUrl &baseUrl, const QString &name)
{
    QUrl url = baseUrl;
    url.setPath(QStringLiteral("/api/files/") + name);
    return url;
}

QJsonObject GeneratedFile::toJson(const QUrl &baseUrl) const
{
    return QJsonObject{{QStringLiteral("filename"), file.name},
                       {QStringLiteral("track_type"), trackType},
                       {QStringLiteral("url"), fileDownloadUrl(baseUrl, file.name).toString()},
                       {QStringLiteral("path"), file.path},
                       {QStringLiteral("size_bytes"), file.sizeBytes},
                       {QStringLiteral("note_count"), noteCount}};
}

QByteArray GeneratedFile::toJsonText(const QUrl &baseUrl) const
{
    return CompactObjectText()
        .add(QLatin1String("filename"), file.name)
        .add(QLatin1String("note_count"), noteCount)
        .add(QLatin1String("path"), file.path)
        .add(QLatin1String("size_bytes"), file.sizeBytes)
        .add(QLatin1String("track_type"), trackType)
        .add(QLatin1String("url"), fileDownloadUrl(baseUrl, file.name).toString())
        .text();
}

} // namespace aiband
