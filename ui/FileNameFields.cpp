#include "FileNameFields.h"

#include "files/FileStore.h"
#include "music/Key.h"

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
    parsed.key = Key::nameFromFileNameToken(fields.at(2));
    parsed.tempoBpm = fields.at(3).toInt();
    return parsed;
}

} // namespace aiband
