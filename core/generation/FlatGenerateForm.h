#pragma once

#include "util/Result.h"

#include <QJsonObject>

namespace aiband {

// The DAW plugin's flat generation form, {"chords": "C-Am-F-G", "tempo": 120, "bars": 8, ...},
// as the generate body {"chord_progression": {...}, ...}. A body with chord_progression is
// returned as it is, so both forms are accepted wherever one is.
QJsonObject generateBodyFromFlatForm(const QJsonObject &body);

// An error about a flat-form request, with the field named as the client sent it
// ("tempo", not "chord_progression.tempo").
Error errorForFlatForm(Error error);

bool isFlatForm(const QJsonObject &body);

// The published AI Band plugin's own client (POST /generate): {"chords": ["C", "Am", ...],
// "tempo": 90, "key": "C major"}, a chord per bar, bass and drums, as the generate body. Fields
// it does not send are refused (invalid_field naming them), never dropped.
Result<QJsonObject> generateBodyFromPluginClient(const QJsonObject &body);
// An error about such a request, with the field named as that client sent it ("chords[1]").
Error errorForPluginClient(Error error);

} // namespace aiband
