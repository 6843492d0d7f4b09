#pragma once

#include <QString>

#include <optional>

namespace aiband {

// What the server's file-name convention {timestamp}_{track}_{key}_{tempo}_{suffix}.mid says
// about a file, in the words the Files tab shows: "bass", "F#m", 120.
struct FileNameFields {
    QString track;
    QString key;       // the key's name, '#' spelled out again ("Fsm" in the name is "F#m")
    int tempoBpm = 0;
};

// nullopt for names the file store would not have written.
std::optional<FileNameFields> parseFileNameFields(const QString &fileName);

} // namespace aiband
