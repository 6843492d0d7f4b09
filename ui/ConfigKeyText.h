#pragma once

#include "config/ConfigSchema.h"

#include <QString>

namespace aiband {

// How the settings window names and explains a config key, in the interface language. The
// English labels are listed in ConfigKeyText.cpp, the descriptions are the key table's
// (core/config/ConfigSchema.cpp); lupdate extracts both, in the context kContext.
namespace ConfigKeyText {

inline constexpr char kContext[] = "aiband::ConfigKey";

// The English label, e.g. "Max connections" for server.max_connections. A key missing from
// the list is named after its path the same way, so it shows, untranslated.
QString sourceLabel(const ConfigKey &key);

QString label(const ConfigKey &key);
QString description(const ConfigKey &key);

} // namespace ConfigKeyText
} // namespace aiband
