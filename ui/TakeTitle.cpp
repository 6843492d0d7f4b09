#include "TakeTitle.h"

#include "NoteNames.h"
#include "PartTitle.h"
#include "StyleTitle.h"
#include "generation/TakeChords.h"

namespace aiband {

QString shortProgression(const QStringList &progression, int maxChords, const QString &separator)
{
    if (progression.size() <= maxChords)
        return progression.join(separator);
    return progression.mid(0, maxChords).join(separator) + separator + QChar(0x2026);
}

QString takeTitle(const StyleLibrary &styles, const QString &fileName, const std::optional<FileMetadata> &metadata)
{
    if (!metadata)
        return fileName;
    QStringList parts;
    if (!metadata->style.isEmpty())
        parts.append(styleTitle(styles, metadata->style));
    if (const Result<ChordTimeline> chords = takeChordTimeline(*metadata); chords && !chords->progression.isEmpty())
        parts.append(shortProgression(shownChords(chords->progression)));
    if (!metadata->trackType.isEmpty())
        parts.append(partTitle(metadata->trackType));
    return parts.isEmpty() ? fileName : parts.join(QStringLiteral(" · "));
}

} // namespace aiband
