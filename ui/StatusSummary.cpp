#include "StatusSummary.h"

#include <QCoreApplication>

namespace aiband {
namespace {

ServerState stateOf(const ServerStatus &status)
{
    if (!status.running)
        return status.startError.isEmpty() ? ServerState::Stopped : ServerState::Error;
    if (!status.warnings.isEmpty())
        return ServerState::Warning;   // outlasts a generation: it needs the user, a generation does not
    if (status.generationsInFlight > 0)
        return ServerState::Generating;
    return ServerState::Listening;
}

} // namespace

QString busyPortText(int port)
{
    return StatusSummary::tr("Port %1 is used by another program. Choose another port in Settings.").arg(port);
}

QString iconPathFor(ServerState state)
{
    return QStringLiteral(":/icons/tray-%1.svg").arg(stateName(state));
}

QString stateName(ServerState state)
{
    switch (state) {
    case ServerState::Stopped: return QStringLiteral("stopped");
    case ServerState::Listening: return QStringLiteral("listening");
    case ServerState::Generating: return QStringLiteral("generating");
    case ServerState::Warning: return QStringLiteral("warning");
    case ServerState::Error: return QStringLiteral("error");
    }
    return {};
}

StatusSummary StatusSummary::of(const ServerStatus &status)
{
    StatusSummary summary;
    summary.state = stateOf(status);
    const QString url = status.url.toString();
    switch (summary.state) {
    case ServerState::Stopped:
        summary.headline = tr("Server stopped");
        summary.details = tr("Plugins cannot connect until it is started.");
        break;
    case ServerState::Error:
        summary.headline = tr("Server not running: it could not start");
        summary.problems = {status.busyPort > 0 ? busyPortText(status.busyPort) : status.startError};
        break;
    case ServerState::Listening:
        summary.headline = tr("Listening on %1").arg(url);
        break;
    case ServerState::Generating:
        summary.headline = tr("Generating on %1").arg(url);
        break;
    case ServerState::Warning:
        summary.headline = tr("Listening on %1, with %n warning(s)", nullptr, static_cast<int>(status.warnings.size())).arg(url);
        summary.problems = status.warnings;
        break;
    }
    if (status.running) {
        // %n: each language's plural forms, English's too (translations/ai-band-orchestrator_en.ts).
        summary.details = tr("%n plugin(s) connected", nullptr, status.pluginsConnected) + QStringLiteral(" · ")
            + tr("%n file(s)", nullptr, status.filesCount);
        if (status.generationsInFlight > 0)
            summary.details += QStringLiteral(" · ") + tr("%n generation(s) in progress", nullptr, status.generationsInFlight);
    }
    QStringList lines{tr("AI Band Orchestrator"), summary.headline};
    if (!summary.details.isEmpty())
        lines.append(summary.details);
    lines.append(summary.problems);
    summary.tooltip = lines.join(QLatin1Char('\n'));
    summary.iconPath = iconPathFor(summary.state);
    return summary;
}

} // namespace aiband
