#include "StyleTitle.h"

#include "music/StyleLibrary.h"

#include <QCoreApplication>

namespace aiband {
namespace {

// The titles of the styles in resources/styles, so lupdate finds them: they live in JSON, which
// it cannot read. tst_translations fails when a built-in style's title is missing here (that is,
// has no translation).
[[maybe_unused]] constexpr const char *kBuiltInTitles[] = {
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "6/8 ballad"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Blues shuffle"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Bossa nova"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Country train beat"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Disco"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Funk"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Hip-hop (boom-bap)"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Jazz ballad"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Jazz swing"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Metal (double kick)"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Pop"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Reggae"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Rock"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Salsa"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Samba"),
    QT_TRANSLATE_NOOP("aiband::StyleTitle", "Waltz"),
};

} // namespace

QString styleTitle(const StyleLibrary &styles, const QString &name)
{
    const Style *style = styles.find(name);
    if (!style || style->title.isEmpty())
        return name;
    // A title without a translation (a user's style) comes back as written.
    return QCoreApplication::translate(kStyleTitleContext, style->title.toUtf8().constData());
}

} // namespace aiband
