#include "AudioTake.h"

#include "files/FileStore.h"
#include "music/PartRegistry.h"

#include <algorithm>

namespace aiband {
namespace {

// A take's files are written within moments of each other: looking only near the chosen
// file's time keeps a large folder from being read sidecar by sidecar on every click.
constexpr qint64 kTakeSpanSeconds = 120;

const PartRow *rowNamed(const QString &trackType)
{
    for (const PartRow &row : partRows())
        if (trackType == QLatin1String(row.name))
            return &row;
    return nullptr;
}

qsizetype partOrder(const QString &trackType)
{
    const auto rows = partRows();
    const auto found = std::find_if(rows.begin(), rows.end(),
                                    [&](const PartRow &row) { return trackType == QLatin1String(row.name); });
    return found - rows.begin();   // unknown parts last
}

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
        QString trackType;
        bool known;
    };
    QList<Entry> entries;
    bool fullBand = false;
    for (const QString &name : fileNames) {
        const std::optional<StoredFile> file = store.find(name);
        const QString type = file ? file->trackType : QString();
        const PartRow *row = rowNamed(type);
        fullBand = fullBand || (row && row->isBand());
        entries.append({name, type, file.has_value()});
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.known != b.known)
            return a.known;
        return partOrder(a.trackType) < partOrder(b.trackType);
    });
    QStringList hear;
    for (const Entry &entry : std::as_const(entries)) {
        const PartRow *row = rowNamed(entry.trackType);
        if (fullBand && row && !row->isBand() && row->inFullBand)
            continue;
        hear.append(entry.name);
    }
    return hear;
}

} // namespace aiband
