#pragma once

#include "session/LiveFollow.h"

#include <QJsonObject>

namespace aiband {

// The data of the live messages the server sends (docs/PROTOCOL.md, "Following a player").
QJsonObject bandEventsJson(const LiveEvents &events);        // band_events
QJsonObject liveStartedJson(const LiveSessionInfo &info);     // live_started
QJsonObject chordHeardJson(const HeardChord &chord);         // chord_heard

} // namespace aiband
