#include "MidiDragData.h"

#include <QFile>
#include <QList>
#include <QMimeData>
#include <QUrl>

namespace aiband {
namespace {

// Generated files are a few kilobytes; a file this large is not ours to inline in a drag.
constexpr qint64 kMaxInlineBytes = 16 * 1024 * 1024;

} // namespace

QMimeData *midiFilesMimeData(const QStringList &paths)
{
    if (paths.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls.append(QUrl::fromLocalFile(path));
    data->setUrls(urls);
    if (paths.size() == 1) {
        QFile file(paths.first());
        if (file.size() <= kMaxInlineBytes && file.open(QIODevice::ReadOnly))
            data->setData(QString::fromLatin1(kMidiMimeType), file.readAll());
    }
    return data;
}

} // namespace aiband
