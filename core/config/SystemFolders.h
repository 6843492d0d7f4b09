#pragma once

#include <QString>

#include <optional>

namespace aiband {

// Why `path` cannot be the files folder, or nullopt when it can. The store writes, renames and
// cleans up files there, so it must be a folder of its own: never the file system's root, a
// system folder (/etc, /usr, /proc, ...) or anything in one, nor a folder that holds users'
// folders (the home folder itself, /home, /tmp, /var, ...). Symbolic links are followed.
std::optional<QString> whyNotAFilesFolder(const QString &path);

} // namespace aiband
