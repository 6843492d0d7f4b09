#pragma once

#include <QString>

namespace aiband {

class StyleLibrary;

// A style as the window names it, in the user's language ("Walzer" for "waltz"): the one source
// for the Try it tab, the Files table and the settings, so they never disagree. Titles are data
// (the "title" of resources/styles/*.json, or of a user's style file); the built-in ones are
// listed for translation in StyleTitle.cpp. A user's style shows the title its file gives, and
// a style without a title, or one not in the library, its name.
QString styleTitle(const StyleLibrary &styles, const QString &name);

// What a style plays, in the user's language ("description" in the style's file; the built-in
// ones are listed for translation in StyleTitle.cpp too); empty for a style without one.
QString styleDescription(const StyleLibrary &styles, const QString &name);

// The translation context of the built-in titles (tests look them up there).
inline constexpr const char *kStyleTitleContext = "aiband::StyleTitle";
inline constexpr const char *kStyleDescriptionContext = "aiband::StyleDescription";

} // namespace aiband
