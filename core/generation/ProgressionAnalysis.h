#pragma once

#include "GenerateRequest.h"

#include <QJsonObject>

namespace aiband {

// What the engine understands of a progression, for POST /api/analyze: every chord as parsed
// (canonical name, tones, chord scale), the key (given or detected) and a summary a musician
// can read. The request is validated exactly as a generation request is.
QJsonObject describeProgression(const GenerateRequest &request);

} // namespace aiband
