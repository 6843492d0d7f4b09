#include "ConfigRules.h"


namespace aiband {
namespace {

QString seconds(double value)
{
    return QString::number(value, 'g', 15) + QStringLiteral(" s");
}

// A plugin sends a heartbeat every interval and is dropped after the timeout without one; a
// timeout not longer than the interval drops a plugin that is on time.
std::optional<Error> timeoutBelowHeartbeat(const Config &config)
{
    if (config.connectionTimeoutSeconds > config.heartbeatIntervalSeconds)
        return std::nullopt;
    return makeError(QStringLiteral("conflicting_settings"),
                     QStringLiteral("websocket.connection_timeout (%1) must be longer than "
                                    "websocket.heartbeat_interval (%2): plugins that send every heartbeat "
                                    "on time would be dropped as silent")
                         .arg(seconds(config.connectionTimeoutSeconds), seconds(config.heartbeatIntervalSeconds)),
                     QStringLiteral("websocket.connection_timeout"));
}

} // namespace

QList<Error> conflictingSettings(const Config &config)
{
    QList<Error> conflicts;
    // One function per rule; a new rule is one more function and its name here.
    for (auto rule : {timeoutBelowHeartbeat}) {
        if (auto conflict = rule(config))
            conflicts.append(*conflict);
    }
    return conflicts;
}

} // namespace aiband
