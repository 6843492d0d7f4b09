#pragma once

#include "music/Arrangement.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace aiband {

// The readers every request body shares, so a tempo or a meter is checked, and worded, one way.

inline constexpr double kMinTempo = 20.0;
inline constexpr double kMaxTempo = 400.0;

// An "invalid_field" error naming `field`.
Error fieldError(const QString &field, const QString &message);

// An optional number: nothing when absent or null, the Error when present but not a finite
// number from min to max.
Result<std::optional<double>> optionalNumber(const QJsonObject &object, const QString &name, const QString &field,
                                             double min, double max);

// "4/4", "6/8": a meter the engine plays (numerator 2-15, denominator 2, 4 or 8).
Result<TimeSignature> parseTimeSignature(const QJsonValue &value, const QString &field);

} // namespace aiband
