#include "GenerationResult.h"

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

} // namespace aiband
