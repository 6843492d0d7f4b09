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
    const int plugins = o.pluginCount();
    const int files = o.files().count();
    // Separate singular strings until the English plural forms file exists (translations work).
    summary.details = (plugins == 1 ? QCoreApplication::translate("StatusSummary", "1 plugin connected")
                                    : QCoreApplication::translate("StatusSummary", "%1 plugins connected").arg(plugins))
        + QStringLiteral(" · ")
        + (files == 1 ? QCoreApplication::translate("StatusSummary", "1 file")
                      : QCoreApplication::translate("StatusSummary", "%1 files").arg(files));
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
