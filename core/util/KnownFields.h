#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace aiband {

// Nothing a client sends is silently dropped (docs/PROTOCOL.md, "Compatibility"): a field a
// request does not read is refused, named as the client wrote it (`prefix` + key, e.g.
// "data.tempo"), with the fields it does read.
std::optional<Error> unknownField(const QJsonObject &object, const QStringList &known, const QString &prefix = {});

// Two spellings of one field (is_playing and isPlaying) given together: which one would win
// is a guess, so it is refused. Returns the error naming the second spelling.
std::optional<Error> bothSpellings(const QJsonObject &object, const QString &ours, const QString &theirs,
                                   const QString &prefix = {});

} // namespace aiband
