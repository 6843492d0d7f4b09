#pragma once

#include <QString>

namespace aiband {

// Who asks for an action. Generation limits count per requester: the plugin a request names,
// else the remote address (every local plugin comes from 127.0.0.1), else the window.
struct Requester {
    QString pluginId;   // empty when the caller names no plugin
    QString address;    // the remote address of a network client; empty for the window

    static Requester plugin(const QString &pluginId) { return {pluginId, {}}; }
    static Requester remote(const QString &address) { return {{}, address}; }
    static Requester window() { return {}; }

    // The key ClientLimiter counts under: "plugin:ID", "address:IP" or "window".
    QString limitKey() const
    {
        if (!pluginId.isEmpty())
            return QStringLiteral("plugin:") + pluginId;
        if (!address.isEmpty())
            return QStringLiteral("address:") + address;
        return QStringLiteral("window");
    }
};

} // namespace aiband
