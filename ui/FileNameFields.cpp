#include "FileNameFields.h"

#include "files/FileStore.h"

#include <QStringList>

namespace aiband {

std::optional<FileNameFields> parseFileNameFields(const QString &fileName)
{
    if (!FileStore::isStoreFileName(fileName))
        return std::nullopt;
    // The store's pattern guarantees five '_'-separated fields: time, track, key, tempo, suffix.
    const QStringList fields = fileName.split(QLatin1Char('_'));
    FileNameFields parsed;
    parsed.track = fields.at(1);
    parsed.key = fields.at(2);
    // Key::fileNameToken() spells '#' as 's'; only the accidental after the letter can be one.
    if (parsed.key.size() > 1 && parsed.key.at(1) == QLatin1Char('s'))
        parsed.key[1] = QLatin1Char('#');
    parsed.tempoBpm = fields.at(3).toInt();
    return parsed;
}

} // namespace aiband
