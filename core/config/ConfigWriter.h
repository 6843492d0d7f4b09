#pragma once

#include "Config.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>

namespace aiband {

// The file settings changed in the app are saved to when no config file was read: config.json
// in the per-user config folder (the second of defaultConfigCandidates()).
QString userConfigFile();

// Writes the settings named by `paths` ("server.port", ...) with their values in `config` into
// `fileName`, and leaves everything else the file holds as it was: other keys, other sections,
// keys this version does not know. The file is replaced atomically (QSaveFile), so a crash or a
// full disk never leaves half a config. A file that is not a JSON object is refused, not
// overwritten. Secret keys are never written: they have their own owner-only files.
Status writeConfigKeys(const QString &fileName, const Config &config, const QStringList &paths);

} // namespace aiband
