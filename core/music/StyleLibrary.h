#pragma once

#include "Style.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace aiband {

// The styles a request can name: the built-in definitions, then the user's own from a folder.
// A user style with a built-in's name replaces it. Broken files are reported and skipped.
class StyleLibrary {
public:
    static constexpr const char *kBuiltInFolder = ":/styles";

    // Reads every *.json in each folder, in order; later folders win on equal names.
    static StyleLibrary load(const QStringList &folders);

    const Style *find(const QString &name) const;
    QStringList names() const;          // sorted
    const QList<Style> &styles() const { return m_styles; }
    QStringList problems() const { return m_problems; }  // "file: path: message", one per skipped file

private:
    QList<Style> m_styles;
    QStringList m_problems;
};

} // namespace aiband
