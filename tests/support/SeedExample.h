#pragma once

// The request body of the original orchestrator's README (tests/data/seed_example.json), the
// contract every version must keep answering. The Python checks read the same file.

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace aiband::test {

inline QJsonObject seedExample()
{
    QFile file(QStringLiteral(AIBAND_SOURCE_DIR "/tests/data/seed_example.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return QJsonDocument::fromJson(file.readAll()).object();
}

// The same as a WebSocket generation_request's data: without plugin_id, which is the session's
// (another one is refused).
inline QJsonObject seedExampleForSession()
{
    QJsonObject body = seedExample();
    body.remove(QStringLiteral("plugin_id"));
    return body;
}

inline QByteArray seedExampleBody(const QString &pluginId = QStringLiteral("my-plugin"))
{
    QJsonObject body = seedExample();
    body.insert(QStringLiteral("plugin_id"), pluginId);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

} // namespace aiband::test
