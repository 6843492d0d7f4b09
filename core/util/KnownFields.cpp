#include "KnownFields.h"

namespace aiband {

std::optional<Error> unknownField(const QJsonObject &object, const QStringList &known, const QString &prefix)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (known.contains(it.key()))
            continue;
        const QString accepted = known.isEmpty() ? QStringLiteral("none") : known.join(QStringLiteral(", "));
        return makeError(QStringLiteral("invalid_field"),
                         QStringLiteral("unknown field \"%1%2\"; accepted: %3").arg(prefix, it.key(), accepted),
                         prefix + it.key());
    }
    return std::nullopt;
}

std::optional<Error> bothSpellings(const QJsonObject &object, const QString &ours, const QString &theirs,
                                   const QString &prefix)
{
    if (!object.contains(ours) || !object.contains(theirs))
        return std::nullopt;
    return makeError(QStringLiteral("invalid_field"),
                     QStringLiteral("%1%2 and %1%3 are one field; send only one of them").arg(prefix, ours, theirs),
                     prefix + theirs);
}

} // namespace aiband
