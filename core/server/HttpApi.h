#pragma once

namespace aiband {

class BandSession;
class HttpRouter;
class LogBuffer;
class ServerInfo;
class WebSocketHub;

// What the endpoints work with: the band session's actions, and the running server's facts.
struct HttpApiContext {
    BandSession &session;
    const ServerInfo &server;
    const WebSocketHub &hub;     // sessions open, each plugin's WebSocket address
    const HttpRouter &router;    // GET / lists its routes
    LogBuffer *logs;             // may be null: /api/logs then answers empty
};

// Fills the route table with the HTTP API: one row per endpoint, handlers next to each other
// in HttpApi.cpp so the whole API can be read in one place. Each handler reads its request,
// makes one BandSession call and writes its answer. `context` must outlive the router.
void registerHttpApi(HttpRouter &router, const HttpApiContext &context);

} // namespace aiband
