#include "StatusSummary.h"

#include "Orchestrator.h"

#include <QCoreApplication>

namespace aiband {

StatusSummary StatusSummary::of(const Orchestrator &orchestrator)
{
    const Orchestrator &o = orchestrator;
    StatusSummary summary;
    if (!o.isRunning()) {
        summary.headline = QCoreApplication::translate("StatusSummary", "Server stopped");
        return summary;
    }
    summary.headline = QCoreApplication::translate("StatusSummary", "Listening on %1")
                           .arg(o.baseUrl().toString());
    summary.details = QCoreApplication::translate("StatusSummary", "%n plugin(s) connected", nullptr,
                                                  o.pluginCount())
        + QStringLiteral(" · ")
        + QCoreApplication::translate("StatusSummary", "%n file(s)", nullptr, o.files().count());
    return summary;
}

QString StatusSummary::tooltip() const
{
    QString text = QStringLiteral("AI Band Orchestrator\n") + headline;
    if (!details.isEmpty())
        text += QLatin1Char('\n') + details;
    return text;
}

} // namespace aiband
