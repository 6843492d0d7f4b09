#include "StyleLibrary.h"

#include "StyleLoader.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace aiband {

StyleLibrary StyleLibrary::load(const QStringList &folders)
{
    StyleLibrary library;
    for (const QString &folder : folders) {
        const QDir dir(folder);
        for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
            const QString path = dir.filePath(name);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                library.m_problems.append(QStringLiteral("%1: cannot be read: %2").arg(path, file.errorString()));
                continue;
            }
            Result<Style> style = parseStyle(file.readAll());
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
