#pragma once

#include "config/ConfigSchema.h"

#include <QString>

namespace aiband {

// How the settings window names and explains a config key, in the interface language. The
// English label and description are the key's row (core/config/ConfigSchema.cpp); lupdate
// extracts both there, in the context kContext.
namespace ConfigKeyText {

inline constexpr char kContext[] = "aiband::ConfigKey";

QString label(const ConfigKey &key);
QString description(const ConfigKey &key);

} // namespace ConfigKeyText
} // namespace aiband
