#pragma once

// Test helpers: a real Orchestrator on a free loopback port with its own temporary folders,
// an HTTP client that waits on signals, and a WebSocket client that records what it receives.

#include "HttpResult.h"
#include "Orchestrator.h"
#include "SeedExample.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

#include <memory>

namespace aiband::test {

class TestServer {
public:
    explicit TestServer(Config config = {}, LogBuffer *logs = nullptr)
    {
        config.port = 0;
        config.filesDir = m_dir.filePath(QStringLiteral("files"));
        config.logFile = m_dir.filePath(QStringLiteral("logs/test.log"));
        orchestrator = std::make_unique<Orchestrator>(config, logs);
    }

    bool start() { return orchestrator->start().ok(); }
    QUrl url(const QString &path) const
    {
        QUrl url = orchestrator->baseUrl();
        return url.resolved(QUrl(path));
    }
    QUrl wsUrl(const QString &path) const
    {
        QUrl ws = url(path);
        ws.setScheme(QStringLiteral("ws"));
        return ws;
    }
    QString filesDir() const { return orchestrator->session().files().directory(); }   // every take
    QString watchedDir() const { return orchestrator->config().filesDir; }             // the newest take

    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(url(path));
        if (!body.isEmpty() && !contentType.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
        const HttpResult result = waitForReply(reply);
        reply->deleteLater();
        return result;
    }
    HttpResult get(const QString &path) { return send("GET", path); }
    HttpResult post(const QString &path, const QByteArray &body) { return send("POST", path, body); }

    std::unique_ptr<Orchestrator> orchestrator;

private:
    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
};

// A message in the WebSocket protocol's envelope. request_id goes out only when given, and may
// be any JSON value, so that tests can send the wrong types too.
inline QJsonObject wsMessage(const QString &type, const QJsonObject &data = {},
                             const QJsonValue &requestId = QJsonValue::Undefined)
{
    QJsonObject message{{QStringLiteral("type"), type}, {QStringLiteral("data"), data}};
    if (!requestId.isUndefined())
        message.insert(QStringLiteral("request_id"), requestId);
    return message;
}

// The "data" object of a message received in that envelope.
inline QJsonObject dataOf(const QJsonObject &message)
{
    return message.value(QStringLiteral("data")).toObject();
}

// A WebSocket client that keeps every text message it receives, parsed.
class PluginClient : public QObject {
public:
    PluginClient()
    {
        connect(&socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }

    bool open(const QUrl &url)
    {
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(url);
        return connected.wait(5000);
    }

    // Opens the session and waits for the server's connection_confirmed.
    bool join(const QUrl &url)
    {
        return open(url) && !take(QStringLiteral("connection_confirmed")).isEmpty();
    }

    void sendJson(const QJsonObject &message)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
    }

    // Waits until a message of `type` has arrived and returns the first one not yet taken.
    QJsonObject take(const QString &type, int timeoutMs = 5000)
    {
        QJsonObject found;
        const auto look = [&] {
            for (qsizetype i = 0; i < received.size(); ++i) {
                if (received[i].value(QStringLiteral("type")).toString() == type) {
                    found = received.takeAt(i);
                    return true;
                }
            }
            return false;
        };
        static_cast<void>(QTest::qWaitFor(look, timeoutMs));
        return found;
    }

    int count(const QString &type) const
    {
        int n = 0;
        for (const QJsonObject &message : received)
            n += message.value(QStringLiteral("type")).toString() == type;
        return n;
    }

    QWebSocket socket;
    QList<QJsonObject> received;
};

} // namespace aiband::test
