#include "FileMetadata.h"

#include "util/CompactJson.h"
#include "util/IsoTime.h"

#include <QJsonDocument>
#include <QJsonValue>

namespace aiband {

QJsonObject FileMetadata::toJson() const
{
    return QJsonObject{{QStringLiteral("format"), kFormatVersion},
                       {QStringLiteral("file_name"), fileName},
                       {QStringLiteral("request"), request},
                       {QStringLiteral("arrangement"), arrangement()},
                       {QStringLiteral("style"), style},
                       {QStringLiteral("feel"), QJsonDocument::fromJson(feelText).object()},
                       {QStringLiteral("seed"), static_cast<qint64>(seed)},
                       {QStringLiteral("plugin_id"), pluginId},
                       {QStringLiteral("request_id"), requestId},
                       {QStringLiteral("track_type"), trackType},
                       {QStringLiteral("key"), key},
                       {QStringLiteral("tempo"), tempoBpm},
                       {QStringLiteral("bars"), bars},
                       {QStringLiteral("created"), isoTimeWithMs(created)},
                       {QStringLiteral("generation_ms"), generationMs}};
}

QJsonObject FileMetadata::arrangement() const
{
    return QJsonDocument::fromJson(arrangementText).object();
}

// Keys in QJsonObject's order (ascending), as toJson() would hold them.
QByteArray FileMetadata::toJsonText(JsonTextCache *shared) const
{
    const auto text = [shared](const QJsonObject &object) { return shared ? shared->textOf(object) : compactJson(object); };
    return CompactObjectText()
        .addText(QLatin1String("arrangement"), arrangementText)
        .add(QLatin1String("bars"), bars)
        .add(QLatin1String("created"), isoTimeWithMs(created))
        .addText(QLatin1String("feel"), feelText)
        .add(QLatin1String("file_name"), fileName)
        .add(QLatin1String("format"), kFormatVersion)
        .add(QLatin1String("generation_ms"), generationMs)
        .add(QLatin1String("key"), key)
        .add(QLatin1String("plugin_id"), pluginId)
        .addText(QLatin1String("request"), text(request))
        .add(QLatin1String("request_id"), requestId)
        .add(QLatin1String("seed"), static_cast<qint64>(seed))
        .add(QLatin1String("style"), style)
        .add(QLatin1String("tempo"), tempoBpm)
        .add(QLatin1String("track_type"), trackType)
        .text();
}

std::optional<FileMetadata> FileMetadata::fromJson(const QJsonObject &json)
{
    if (json.value(QStringLiteral("format")).toInt() != kFormatVersion)
        return std::nullopt;
    const QJsonValue name = json.value(QStringLiteral("file_name"));
    const QJsonValue request = json.value(QStringLiteral("request"));
    const double seed = json.value(QStringLiteral("seed")).toDouble(-1.0);
    if (!name.isString() || !request.isObject() || seed < 0 || seed > 4294967295.0)
        return std::nullopt;
    FileMetadata metadata;
    metadata.fileName = name.toString();
    metadata.request = request.toObject();
    metadata.arrangementText = compactJson(json.value(QStringLiteral("arrangement")).toObject());
    metadata.style = json.value(QStringLiteral("style")).toString();
    metadata.feelText = compactJson(json.value(QStringLiteral("feel")).toObject());
    metadata.seed = static_cast<quint32>(seed);
    metadata.pluginId = json.value(QStringLiteral("plugin_id")).toString();
    metadata.requestId = json.value(QStringLiteral("request_id")).toString();
    metadata.trackType = json.value(QStringLiteral("track_type")).toString();
    metadata.key = json.value(QStringLiteral("key")).toString();
    metadata.tempoBpm = json.value(QStringLiteral("tempo")).toDouble();
    metadata.bars = json.value(QStringLiteral("bars")).toDouble();
    metadata.created = QDateTime::fromString(json.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    metadata.generationMs = json.value(QStringLiteral("generation_ms")).toDouble();
    return metadata;
}

} // namespace aiband
