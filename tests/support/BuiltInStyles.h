#pragma once

#include "music/Style.h"
#include "music/StyleLibrary.h"

namespace aiband::test {

// The styles compiled into the core library, loaded once per test program.
inline const StyleLibrary &builtInStyles()
{
    static const StyleLibrary library = StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)});
    return library;
}

inline const Style *style(const char *name)
{
    return builtInStyles().find(QLatin1String(name));
}

} // namespace aiband::test
