#include "AudioTake.h"

#include "files/FileStore.h"
#include "music/PartRegistry.h"
#include "music/TrackType.h"

#include <algorithm>

namespace aiband {
namespace {

// A take's files are written within moments of each other: looking only near the chosen
// file's time keeps a large folder from being read sidecar by sidecar on every click.
constexpr qint64 kTakeSpanSeconds = 120;

} // namespace

QStringList takeOf(const FileStore &store, const QString &fileName)
{
    const std::optional<FileMetadata> chosen = store.readMetadata(fileName);
    const std::optional<StoredFile> file = store.find(fileName);
    if (!chosen || chosen->requestId.isEmpty() || !file)
        return {fileName};
    QStringList take;
    for (const StoredFile &other : store.list()) {
        if (std::abs(other.modified.secsTo(file->modified)) > kTakeSpanSeconds)
            continue;
        if (other.name == fileName) {
            take.append(other.name);
            continue;
        }
        const std::optional<FileMetadata> metadata = store.readSidecar(other.name);
        if (metadata && metadata->requestId == chosen->requestId)
            take.append(other.name);
    }
    return filesToHear(store, take);
}

QStringList filesToHear(const FileStore &store, const QStringList &fileNames)
{
    struct Entry {
        QString name;
        std::optional<TrackType> type;   // none for a part the registry does not know
        bool known;
    };
    QList<Entry> entries;
    bool fullBand = false;
    for (const QString &name : fileNames) {
        const std::optional<StoredFile> file = store.find(name);
        const std::optional<TrackType> type = parseTrackType(file ? file->trackType : QString());
        fullBand = fullBand || (type && partRow(*type).isBand());
        entries.append({name, type, file.has_value()});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.known != b.known)
            return a.known;
        const auto order = [](const Entry &entry) {
            return entry.type ? qsizetype(entry.type->row()) : qsizetype(partRows().size());   // unknown parts last
        };
        return order(a) < order(b);
    });
    QStringList hear;
    for (const Entry &entry : std::as_const(entries)) {
        if (fullBand && entry.type && !partRow(*entry.type).isBand() && partRow(*entry.type).inFullBand)
            continue;
        hear.append(entry.name);
    }
    return hear;
}

} // namespace aiband
