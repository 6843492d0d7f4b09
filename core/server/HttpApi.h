#pragma once

namespace aiband {

class HttpRouter;
class Orchestrator;

// Fills the route table with the HTTP API: one row per endpoint, handlers next to each other
// in HttpApi.cpp so the whole API can be read in one place.
void registerHttpApi(HttpRouter &router, Orchestrator &orchestrator);

} // namespace aiband
