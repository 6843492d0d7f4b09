#include "RenameNoReplace.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>

namespace aiband {

bool renameNoReplace(const QString &from, const QString &to)
{
#ifdef RENAME_NOREPLACE
    if (::renameat2(AT_FDCWD, QFile::encodeName(from).constData(), AT_FDCWD, QFile::encodeName(to).constData(),
                    RENAME_NOREPLACE) == 0)
        return true;
    if (errno != EINVAL && errno != ENOSYS)   // a file system without RENAME_NOREPLACE: Qt's way
        return false;
#endif
    return QDir().rename(from, to);
}

} // namespace aiband
