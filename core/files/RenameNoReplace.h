#pragma once

#include <QString>

namespace aiband {

// Renames `from` to `to` only if nothing has that name, in one system call (renameat2 with
// RENAME_NOREPLACE) where the file system allows it, Qt's QDir::rename (four calls, the same
// refusal) where it does not. false, with errno set, when the name is taken or the rename fails.
bool renameNoReplace(const QString &from, const QString &to);

} // namespace aiband
