#include "SystemFolders.h"

#include <QDir>
#include <QFileInfo>

#include <array>

namespace aiband {
namespace {

// Folders the system owns, with everything in them.
constexpr std::array kSystemTrees{"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
                                  "/boot", "/dev", "/proc", "/sys"};
// Folders that hold other folders: a subfolder of them is fine, they themselves are not.
// /dev/shm is the users' memory-backed folder inside /dev (benchmarks keep takes there).
constexpr std::array kSharedRoots{"/", "/home", "/root", "/tmp", "/var", "/opt", "/srv", "/run", "/mnt", "/media",
                                  "/dev/shm"};

// The path as the file system will use it: links resolved as far as the path exists.
QString resolved(const QString &path)
{
    QString existing = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QString rest;
    while (!QFileInfo::exists(existing) && existing != QLatin1String("/")) {
        rest = QLatin1Char('/') + QFileInfo(existing).fileName() + rest;
        existing = QFileInfo(existing).absolutePath();
    }
    const QString canonical = QFileInfo(existing).canonicalFilePath();
    return QDir::cleanPath((canonical.isEmpty() ? existing : canonical) + rest);
}

bool isInside(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder + QLatin1Char('/'));
}

} // namespace

std::optional<QString> whyNotAFilesFolder(const QString &path)
{
    const QString folder = resolved(path);
    const bool userArea = isInside(folder, QStringLiteral("/dev/shm"));
    for (const char *tree : kSystemTrees) {
        if (!userArea && isInside(folder, QLatin1String(tree)))
            return QStringLiteral("%1 is in the system folder %2; choose a folder of its own, such as "
                                  "~/Music/ai-band").arg(folder, QLatin1String(tree));
    }
    const QString home = QDir::cleanPath(QDir::homePath());
    for (const QString &root : QStringList{home} + QStringList{kSharedRoots.begin(), kSharedRoots.end()}) {
        if (folder == root)
            return QStringLiteral("%1 holds other folders; the orchestrator writes and cleans up files in its "
                                  "folder, so choose one of its own, such as %1/ai-band").arg(folder == QLatin1String("/") ? QString() : folder);
    }
    return std::nullopt;
}

} // namespace aiband
