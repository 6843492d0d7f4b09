#pragma once

// One HTTP answer as the tests look at it (status, body, parsed JSON, headers), and the one way
// the tests wait for a QNetworkReply and read it into that shape.

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>

namespace aiband::test {

struct HttpResult {
    int status = 0;   // 0 when nothing answered
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
    int count(const QByteArray &name) const
    {
        int n = 0;
        for (const auto &[key, value] : headers)
            n += key.compare(name, Qt::CaseInsensitive) == 0;
        return n;
    }
    // The parts of a JSON error reply, {"error": {"code", "message", "field"}}.
    QString errorCode() const { return errorJson().value(QStringLiteral("code")).toString(); }
    QString errorField() const { return errorJson().value(QStringLiteral("field")).toString(); }
    QJsonObject errorJson() const { return json.value(QStringLiteral("error")).toObject(); }
};

// Waits for `reply` to finish and reads it; the caller still owns the reply.
inline HttpResult waitForReply(QNetworkReply *reply, int timeoutMs = 10000)
{
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(timeoutMs);
    HttpResult result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.json = QJsonDocument::fromJson(result.body).object();
    result.headers = reply->rawHeaderPairs();
    return result;
}

// A GET of any address, for servers that are not a TestServer (the built app, a restarted one).
inline HttpResult httpGet(const QUrl &url, int timeoutMs = 10000)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    const HttpResult result = waitForReply(reply, timeoutMs);
    delete reply;
    return result;
}

} // namespace aiband::test
