#pragma once

#include <QUrl>

namespace aiband {

struct Config;

// What the transports may ask of the running application about itself, implemented by the
// Orchestrator (qBittorrent's "application interface"): the layers below never include it.
class ServerInfo {
public:
    virtual ~ServerInfo() = default;
    virtual const Config &config() const = 0;   // the settings in effect now
    virtual QUrl baseUrl() const = 0;           // http://host:port, the bound port
    virtual QString baseUrlText() const = 0;    // the same, as text
    virtual qint64 uptimeSeconds() const = 0;
};

} // namespace aiband
