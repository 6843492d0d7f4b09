#include "PluginRegistry.h"

#include "util/IsoTime.h"
#include "util/KnownFields.h"

namespace aiband {

QStringList pluginDetailFields()
{
    return {QStringLiteral("name"), QStringLiteral("version"), QStringLiteral("daw")};
}

std::optional<Error> invalidRegistration(const QJsonObject &body, const QString &prefix)
{
    if (auto unknown = unknownField(body, pluginDetailFields() << QStringLiteral("plugin_id"), prefix))
        return unknown;
    for (const QString &field : pluginDetailFields()) {
        const QJsonValue value = body.value(field);
        if (!value.isUndefined() && !value.isString())
            return makeError(QStringLiteral("invalid_field"), QStringLiteral("%1 must be a string").arg(field), prefix + field);
    }
    return std::nullopt;
}

QString PluginInfo::status(double timeoutSeconds) const
{
    const bool heard = lastHeartbeat.msecsTo(QDateTime::currentDateTimeUtc()) <= static_cast<qint64>(timeoutSeconds * 1000);
    return connected || heard ? QStringLiteral("connected") : QStringLiteral("disconnected");
}

QJsonObject PluginInfo::toJson(double timeoutSeconds) const
{
    QJsonValue transportJson;
    if (transport) {
        QJsonObject json = transportToJson(*transport);
        json.insert(QStringLiteral("updated_at"), isoTimeWithMs(transportUpdatedAt));
        transportJson = json;
    }
    const auto orNull = [](const QString &text) { return text.isEmpty() ? QJsonValue() : QJsonValue(text); };
    return QJsonObject{{QStringLiteral("plugin_id"), pluginId},
                       {QStringLiteral("name"), orNull(name)},
                       {QStringLiteral("version"), orNull(version)},
                       {QStringLiteral("daw"), orNull(daw)},
                       {QStringLiteral("address"), address},
                       {QStringLiteral("connected"), connected},
                       {QStringLiteral("status"), status(timeoutSeconds)},
                       {QStringLiteral("connected_since"), isoTimeWithMs(connectedSince)},
                       {QStringLiteral("last_heartbeat"), isoTimeWithMs(lastHeartbeat)},
                       {QStringLiteral("files_generated"), static_cast<qint64>(filesGenerated)},
                       {QStringLiteral("transport"), transportJson}};
}

// Every message from a plugin updates its entry: a lookup by id, not a scan of a thousand.
PluginInfo *PluginRegistry::entry(const QString &pluginId)
{
    const auto it = m_index.constFind(pluginId);
    return it == m_index.cend() ? nullptr : &m_plugins[*it];
}

void PluginRegistry::reindex()
{
    m_index.clear();
    for (qsizetype i = 0; i < m_plugins.size(); ++i)
        m_index.insert(m_plugins[i].pluginId, i);
}

const PluginInfo *PluginRegistry::find(const QString &pluginId) const
{
    return const_cast<PluginRegistry *>(this)->entry(pluginId);
}

int PluginRegistry::connectedCount() const
{
    return static_cast<int>(std::count_if(m_plugins.cbegin(), m_plugins.cend(),
                                          [](const PluginInfo &info) { return info.connected; }));
}

const PluginInfo &PluginRegistry::registerPlugin(const QString &pluginId, const QString &address,
                                                 const QJsonObject &details)
{
    PluginInfo *info = entry(pluginId);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!info) {
        m_plugins.append(PluginInfo{});
        m_index.insert(pluginId, m_plugins.size() - 1);
        info = &m_plugins.last();
        info->pluginId = pluginId;
        info->connectedSince = now;
    }
    info->address = address;
    info->lastHeartbeat = now;
    info->awaitingSession = !info->connected;
    const QStringList keys = pluginDetailFields();
    for (auto [key, field] : {std::pair{keys[0], &PluginInfo::name}, std::pair{keys[1], &PluginInfo::version},
                              std::pair{keys[2], &PluginInfo::daw}}) {
        if (details.value(key).isString())
            (*info).*field = details.value(key).toString().left(200);
    }
    emit changed();
    return *info;
}

// Every message counts as a heartbeat, so this is on the hot path: it updates the time without
// emitting changed(), which views would otherwise redraw for on every message. They show
// "last heartbeat" relative to now and refresh on their own clock.
bool PluginRegistry::heartbeat(const QString &pluginId)
{
    PluginInfo *info = entry(pluginId);
    if (!info)
        return false;
    info->lastHeartbeat = QDateTime::currentDateTimeUtc();
    return true;
}

void PluginRegistry::setConnected(const QString &pluginId, bool connected)
{
    if (PluginInfo *info = entry(pluginId)) {
        info->connected = connected;
        info->awaitingSession = false;
        emit changed();
    }
}

void PluginRegistry::setTransport(const QString &pluginId, const TransportState &state)
{
    if (PluginInfo *info = entry(pluginId)) {
        info->transport = state;
        info->transportUpdatedAt = QDateTime::currentDateTimeUtc();
        emit changed();
    }
}

void PluginRegistry::addFiles(const QString &pluginId, int count)
{
    if (PluginInfo *info = entry(pluginId)) {
        info->filesGenerated += static_cast<quint64>(count);
        emit changed();
    }
}

QString PluginRegistry::newestWithoutSession(const QString &address, const QDateTime &since) const
{
    const PluginInfo *newest = nullptr;
    for (const PluginInfo &info : m_plugins) {
        if (!info.awaitingSession || info.address != address || info.lastHeartbeat < since)
            continue;
        if (!newest || info.lastHeartbeat >= newest->lastHeartbeat)
            newest = &info;
    }
    return newest ? newest->pluginId : QString();
}

int PluginRegistry::removeSilentSince(const QDateTime &cutoff)
{
    const qsizetype removed = m_plugins.removeIf([&](const PluginInfo &info) {
        return !info.connected && info.lastHeartbeat < cutoff;
    });
    if (removed > 0) {
        reindex();
        emit changed();
    }
    return static_cast<int>(removed);
}

} // namespace aiband
