#pragma once

#include "files/FileMetadata.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace aiband {

class StyleLibrary;

// A take as people name it: "Bossa nova · Dm7–G7–Cmaj7 · Keys" (the style's translated title,
// the progression it played, the part's title), the one name the tray's Recent files and the
// notifications use. A file without a sidecar keeps its file name.
QString takeTitle(const StyleLibrary &styles, const QString &fileName, const std::optional<FileMetadata> &metadata);

// "Dm7–G7–Cmaj7"; past `maxChords` chords the rest becomes an ellipsis: "C–Am–F–G–…".
inline constexpr int kTitleChords = 4;
QString shortProgression(const QStringList &progression, int maxChords = kTitleChords,
                         const QString &separator = QString(QChar(0x2013)));

} // namespace aiband
