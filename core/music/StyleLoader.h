#pragma once

#include "Style.h"
#include "util/Result.h"

#include <QByteArray>
#include <QString>

namespace aiband {

// Reads one style definition (JSON, see docs/STYLES.md). Every problem is reported with the
// path of the offending value, e.g. "drums.kick.simple.downbeat: expected 4 steps ...".
Result<Style> parseStyle(const QByteArray &json);

} // namespace aiband
