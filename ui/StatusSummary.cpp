#include "StatusSummary.h"

#include <QCoreApplication>

namespace aiband {
namespace {

// Separate singular strings until an English plural-forms file exists: "%n plugin(s)" would
// otherwise show literally.
QString counted(int n, const QString &one, const QString &many)
{
    return n == 1 ? one : many.arg(n);
}

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
        summary.problems = {status.startError};
        break;
    case ServerState::Listening:
        summary.headline = tr("Listening on %1").arg(url);
        break;
    case ServerState::Generating:
        summary.headline = tr("Generating on %1").arg(url);
        break;
    case ServerState::Warning:
        summary.headline = status.warnings.size() == 1
            ? tr("Listening on %1, with a warning").arg(url)
            : tr("Listening on %1, with %2 warnings").arg(url).arg(status.warnings.size());
        summary.problems = status.warnings;
        break;
    }
    if (status.running) {
        summary.details = counted(status.pluginsConnected, tr("1 plugin connected"), tr("%1 plugins connected"))
            + QStringLiteral(" · ") + counted(status.filesCount, tr("1 file"), tr("%1 files"));
        if (status.generationsInFlight > 0)
            summary.details += QStringLiteral(" · ")
                + counted(status.generationsInFlight, tr("1 generation in progress"), tr("%1 generations in progress"));
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
