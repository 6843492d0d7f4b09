#pragma once

#include "util/Result.h"

#include <QByteArrayView>

#include <optional>

namespace aiband {

struct JsonShapeLimits {
    int maxDepth = 32;           // objects and arrays nested in each other
    int maxArrayItems = 10000;   // items in any one array
};

// A quick look at raw JSON text before QJsonDocument builds it: a body nested thousands deep or
// an array of millions of items costs memory and time to parse even when it is under the size
// limit, and no request needs either. Returns the Error ("json_too_deep" or "array_too_long",
// naming the field like "chord_progression.chords") or nothing. Text that is not JSON passes:
// the parser reports that with its offset.
std::optional<Error> checkJsonShape(QByteArrayView json, const JsonShapeLimits &limits);

} // namespace aiband
