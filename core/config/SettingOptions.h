#pragma once

#include <QCommandLineOption>
#include <QList>

namespace aiband {

// The command-line options that set a setting, one for each key table row that has one
// (ConfigKey::option), in the table's order. ConfigLoader takes their values by name.
QList<QCommandLineOption> settingOptions();

} // namespace aiband
