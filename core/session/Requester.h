#pragma once

#include <QString>

namespace aiband {

// Who asks for an action. Generation limits count per network client: the plugin a request
// names, else the remote address (every local plugin comes from 127.0.0.1). The window is the
// person at the computer, not a client to protect the server from: it is never limited.
struct Requester {
    QString pluginId;      // empty when the caller names no plugin
    QString address;       // the remote address of a network client
    bool window = false;   // the desktop window

    static Requester plugin(const QString &pluginId) { return {pluginId, {}, false}; }
    static Requester remote(const QString &address) { return {{}, address, false}; }
    static Requester fromWindow() { return {{}, {}, true}; }

    // The key ClientLimiter counts a network client under: "plugin:ID" or "address:IP".
    QString limitKey() const
    {
        return pluginId.isEmpty() ? QStringLiteral("address:") + address : QStringLiteral("plugin:") + pluginId;
    }
};

} // namespace aiband
