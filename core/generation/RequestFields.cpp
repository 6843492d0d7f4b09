#include "RequestFields.h"

#include "music/Meter.h"

#include <QRegularExpression>

#include <cmath>

namespace aiband {

Error fieldError(const QString &field, const QString &message)
{
    return makeError(QStringLiteral("invalid_field"), message, field);
}

Error numberRangeError(const QString &field, double min, double max)
{
    return fieldError(field, QStringLiteral("%1 must be a number from %2 to %3").arg(field).arg(min).arg(max));
}

Result<TimeSignature> parseTimeSignature(const QJsonValue &value, const QString &field)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral("\\s*(\\d{1,2})\\s*/\\s*(\\d{1,2})\\s*")));
    const auto match = pattern.match(value.toString());
    if (!value.isString() || !match.hasMatch())
        return fieldError(field, QStringLiteral("time_signature must be a string like \"4/4\" or \"6/8\""));
    TimeSignature ts{match.captured(1).toInt(), match.captured(2).toInt()};
    if (!isSupportedMeter(ts))
        return fieldError(field, QStringLiteral("time_signature %1 is not supported: numerator "
                                                "2-15, denominator 2, 4 or 8").arg(ts.name()));
    return ts;
}

} // namespace aiband
