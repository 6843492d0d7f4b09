#include "StyleLibrary.h"

#include "StyleLoader.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace aiband {
namespace {

// A style is a few KiB of JSON; anything much larger is not one, and a device or pipe named
// *.json (a link to /dev/zero) would never end.
constexpr qint64 kMaxStyleFileBytes = 256 * 1024;

Result<QByteArray> readStyleFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("unreadable"), QStringLiteral("cannot be read: %1").arg(file.errorString()));
    if (file.isSequential())
        return makeError(QStringLiteral("not_a_file"), QStringLiteral("is not a regular file (a device or a pipe)"));
    QByteArray bytes = file.read(kMaxStyleFileBytes + 1);
    if (bytes.size() > kMaxStyleFileBytes)
        return makeError(QStringLiteral("too_large"), QStringLiteral("is larger than %1 KiB; a style is a few KiB")
                                                          .arg(kMaxStyleFileBytes / 1024));
    return bytes;
}

} // namespace

StyleLibrary StyleLibrary::load(const QStringList &folders)
{
    StyleLibrary library;
    for (const QString &folder : folders) {
        const QDir dir(folder);
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            const QString path = dir.filePath(name);
            const Result<QByteArray> bytes = readStyleFile(path);
            if (!bytes) {
                library.m_problems.append(QStringLiteral("%1: %2").arg(path, bytes.error().message));
                continue;
            }
            Result<Style> style = parseStyle(*bytes);
            if (!style) {
                library.m_problems.append(QStringLiteral("%1: %2").arg(path, style.error().message));
                continue;
            }
            const auto existing = std::find_if(library.m_styles.begin(), library.m_styles.end(),
                                               [&](const Style &s) { return s.name == style->name; });
            if (existing != library.m_styles.end())
                *existing = *style;
            else
                library.m_styles.append(*style);
        }
    }
    std::sort(library.m_styles.begin(), library.m_styles.end(),
              [](const Style &a, const Style &b) { return a.name < b.name; });
    return library;
}

const Style *StyleLibrary::find(const QString &name) const
{
    for (const Style &style : m_styles) {
        if (style.name == name)
            return &style;
    }
    return nullptr;
}

QStringList StyleLibrary::names() const
{
    QStringList list;
    for (const Style &style : m_styles)
        list.append(style.name);
    return list;
}

} // namespace aiband
