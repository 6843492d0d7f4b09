#pragma once

#include "Config.h"
#include "util/Result.h"

#include <optional>

#include <QList>

namespace aiband {

// Settings that are each valid alone but cannot work together (a connection timeout shorter
// than the heartbeat interval drops every plugin that does as it is told). The one place such
// combinations are refused: the config loader (file, environment, options), applySettings()
// and the settings window all ask here. Each Error names both keys and why; its field is the
// key a person would change (the second one named).
QList<Error> conflictingSettings(const Config &config);

} // namespace aiband
