#pragma once

#include "music/Arrangement.h"
#include "util/Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <type_traits>

#include <cmath>

namespace aiband {

// The readers every request body shares, so a tempo or a meter is checked, and worded, one way.

inline constexpr double kMinTempo = 20.0;
inline constexpr double kMaxTempo = 400.0;

// An "invalid_field" error naming `field`.
Error fieldError(const QString &field, const QString &message);

// "field must be a number from min to max".
Error numberRangeError(const QString &field, double min, double max);

// An optional number: nothing when absent or null, the Error naming `field` when present but not
// a finite number from min to max. `field` may be a callable that makes the name: it is called
// only for the error (a long song's chords each made two names that were never read).
template <typename FieldName>
Result<std::optional<double>> optionalNumber(const QJsonObject &object, const QString &name, const FieldName &field,
                                             double min, double max)
{
    const QJsonValue value = object.value(name);   // one lookup: a field absent reads as undefined
    if (value.isUndefined() || value.isNull())
        return std::optional<double>{};
    const double number = value.toDouble(std::nan(""));
    if (value.isDouble() && std::isfinite(number) && number >= min && number <= max)
        return std::optional<double>{number};
    if constexpr (std::is_invocable_v<const FieldName &>)
        return numberRangeError(field(), min, max);
    else
        return numberRangeError(field, min, max);
}

// "4/4", "6/8": a meter the engine plays (numerator 2-15, denominator 2, 4 or 8).
Result<TimeSignature> parseTimeSignature(const QJsonValue &value, const QString &field);

} // namespace aiband
