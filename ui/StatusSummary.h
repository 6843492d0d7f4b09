#pragma once

#include <QString>

namespace aiband {

class Orchestrator;

// The one place the orchestrator's state becomes words, so the tray tooltip and the window
// always say the same thing.
struct StatusSummary {
    QString headline;   // "Listening on http://127.0.0.1:8000"
    QString details;    // "2 plugins connected · 14 files"

    static StatusSummary of(const Orchestrator &orchestrator);
    QString tooltip() const;
};

} // namespace aiband
