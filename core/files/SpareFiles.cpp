#include "SpareFiles.h"

#include "RenameNoReplace.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace aiband {
namespace {

const QString kSparePrefix = QStringLiteral(".aiband-spare-");

QByteArray encoded(const QString &path)
{
    return QFile::encodeName(path);
}

// A write lease tells its holder, by SIGIO, when someone opens the file; SIGIO's default is to
// end the process. The lease is held for two system calls only, but an open can land between
// them, so SIGIO is ignored unless something in the process already handles it.
void ignoreLeaseBreakSignal()
{
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction current {};
        if (::sigaction(SIGIO, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            std::signal(SIGIO, SIG_IGN);
    });
}

enum class Openers { None, Some, Unknown };

// Whether any other open file (in any process) has this file: the kernel grants a write lease
// only when none has. Released at once: it was only asked to know. Unknown where leases are not
// possible (a file system without them, a file of another user, leases turned off).
Openers otherOpeners(int handle)
{
#ifdef F_SETLEASE
    if (::fcntl(handle, F_SETLEASE, F_WRLCK) == 0) {
        ::fcntl(handle, F_SETLEASE, F_UNLCK);
        return Openers::None;
    }
    return errno == EAGAIN || errno == EBUSY ? Openers::Some : Openers::Unknown;
#else
    Q_UNUSED(handle);
    return Openers::Unknown;
#endif
}

} // namespace

SpareFiles::SpareFiles(QString folder, int capacity) : m_folder(std::move(folder)), m_capacity(capacity)
{
    ignoreLeaseBreakSignal();
}

bool SpareFiles::isSpareName(const QString &name)
{
    return name.startsWith(kSparePrefix);
}

int SpareFiles::count() const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_spares.size());
}

bool SpareFiles::retire(const QString &path)
{
    if (keep(path))
        return true;
    return ::unlink(encoded(path).constData()) == 0;
}

// Kept only when it is a plain file with no other link: a file still linked into a watched
// folder is the take a plugin plays.
bool SpareFiles::keep(const QString &path)
{
    struct stat info {};
    if (::lstat(encoded(path).constData(), &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink != 1)
        return false;
    QMutexLocker lock(&m_mutex);
    if (m_spares.size() >= m_capacity)
        return false;
    const QString name = kSparePrefix + QString::number(m_next++);
    if (!renameNoReplace(path, m_folder + QLatin1Char('/') + name))
        return false;
    m_spares.append(name);
    return true;
}

std::optional<int> SpareFiles::reuse(const QString &path)
{
    for (;;) {
        QString spare;
        {
            QMutexLocker lock(&m_mutex);
            if (m_spares.isEmpty())
                return std::nullopt;
            spare = m_folder + QLatin1Char('/') + m_spares.takeLast();
        }
        if (const std::optional<int> handle = openForReuse(spare, path))
            return handle;
    }
}

// Under its new name first, so that what is checked is what is written; a spare that fails a
// check leaves (it is not worth keeping), and the caller's name is free again.
std::optional<int> SpareFiles::openForReuse(const QString &spare, const QString &path)
{
    if (!renameNoReplace(spare, path)) {
        ::unlink(encoded(spare).constData());
        return std::nullopt;
    }
    const int handle = ::open(encoded(path).constData(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat info {};
    if (handle >= 0 && ::fstat(handle, &info) == 0 && S_ISREG(info.st_mode) && info.st_nlink == 1) {
        const Openers openers = otherOpeners(handle);
        if (openers == Openers::None)
            return handle;
        if (openers == Openers::Unknown) {   // never knowable here: files are no longer kept
            QMutexLocker lock(&m_mutex);
            m_capacity = 0;
        }
    }
    if (handle >= 0)
        ::close(handle);
    ::unlink(encoded(path).constData());
    return std::nullopt;
}

int SpareFiles::removeAll()
{
    QMutexLocker lock(&m_mutex);
    m_spares.clear();
    QDir folder(m_folder);
    int removed = 0;
    for (const QString &name : folder.entryList({kSparePrefix + QLatin1Char('*')}, QDir::Files | QDir::Hidden | QDir::System)) {
        if (folder.remove(name))
            ++removed;
    }
    return removed;
}

} // namespace aiband
