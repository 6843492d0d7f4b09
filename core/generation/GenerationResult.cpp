#include "GenerationResult.h"

#include "util/CompactJson.h"

namespace aiband {

QByteArray GeneratedFile::toJsonText(DownloadUrls &urls, const ArrangementSummary *take) const
{
    CompactObjectText text;
    if (take)
        text.add(QLatin1String("duration"), take->durationBeats);
    text.add(QLatin1String("filename"), file.name);
    if (take)
        text.add(QLatin1String("key"), take->key);
    text.add(QLatin1String("note_count"), noteCount)
        .add(QLatin1String("path"), file.path)
        .add(QLatin1String("size_bytes"), file.sizeBytes);
    if (take)
        text.add(QLatin1String("tempo"), take->tempoBpm);
    return text.add(QLatin1String("track_type"), trackType).add(QLatin1String("url"), urls.of(file.name)).text();
}

QByteArray GenerationResult::filesText(DownloadUrls &urls) const
{
    QList<QByteArray> texts;
    for (const GeneratedFile &file : files)
        texts.append(file.toJsonText(urls));
    return compactArrayText(texts);
}

QByteArray GenerationResult::metadataJsonText() const
{
    return metadataText.isEmpty() ? arrangement.toJsonText() : metadataText;
}

} // namespace aiband
