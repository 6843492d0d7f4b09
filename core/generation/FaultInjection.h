#pragma once

#include "GenerationService.h"

#include <QProcessEnvironment>

namespace aiband {

// Faults on request, for the tests that prove the server survives them with the real binary
// (docs/RELIABILITY.md). Nothing happens unless one of these variables is set:
//   AIBAND_TEST_SLOW_GENERATION_MS=N   every generation takes N ms longer (a stop must wait for it)
// Each one logs a warning, at start and whenever it acts, so it cannot go unnoticed.
// Returns the engine to install (Orchestrator::setRenderer), or an empty one when none is asked for.
GenerationService::Renderer faultInjectionRenderer(const QProcessEnvironment &environment);

} // namespace aiband
