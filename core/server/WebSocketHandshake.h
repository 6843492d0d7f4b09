#pragma once

#include "util/Result.h"

#include <optional>

class QHttpServerRequest;

namespace aiband {

// Why a request that asks to become a WebSocket (`Upgrade: websocket`) is not an opening
// handshake RFC 6455 §4.2.1 allows: a GET with `Connection: Upgrade`, `Sec-WebSocket-Version: 13`
// and a `Sec-WebSocket-Key` of 16 bytes in base64. nullopt when it is one. Qt's server would
// otherwise leave the first kind unanswered and accept the others.
struct HandshakeProblem {
    int status;    // 400, or 426 (Upgrade Required) for another protocol version
    Error error;   // invalid_upgrade, naming the header
};
std::optional<HandshakeProblem> webSocketHandshakeProblem(const QHttpServerRequest &request);

} // namespace aiband
