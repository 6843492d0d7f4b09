#pragma once

#include <QStringList>

class QMimeData;

namespace aiband {

// The MIME type a single dragged file's bytes are offered under, for DAWs that read the data
// rather than the file.
inline constexpr char kMidiMimeType[] = "audio/midi";

// What a drag of generated MIDI files carries: text/uri-list with a file:// URL per path (what
// file managers and DAWs take), and for a single file its bytes as audio/midi. Returns null
// when `paths` is empty. A file that cannot be read still gets its URL, only not its bytes.
QMimeData *midiFilesMimeData(const QStringList &paths);

} // namespace aiband
