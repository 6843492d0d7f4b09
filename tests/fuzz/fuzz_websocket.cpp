// Fuzz target: the WebSocket message dispatcher (WebSocketHub's text-message handling and the
// handlers in its table), driven through the hub's detached-session seam: no sockets, the
// replies are collected. An input is a conversation: its lines are messages, sent in turn by a
// plugin registered as "plugin-a" (odd lines from a second one that connected to /ws/sync
// without an id), so register, transport broadcasts and ordering all get exercised.
// Generations are refused as "busy" (a queue of size 0): the request validation still runs,
// the engine has its own target.
// Invariants checked:
// - every message the hub sends is a JSON object with a string "type" and an object "data";
// - an error carries a code and a message;
// - a reply to a message that had a request_id echoes it (broadcasts to others carry none);
// - a message is answered at most by one reply to its sender, besides a live band's notes and the
//   chords it heard (band_events, chord_heard), which are whole: every note inside its range;
// - the other session hears only the transport, and its band's notes and chords if it follows.

#include "FuzzSupport.h"
#include "files/FileStore.h"
#include "generation/GenerationService.h"
#include "music/StyleLibrary.h"
#include "session/BandSession.h"
#include "server/WebSocketHub.h"

#include <QCoreApplication>
#include <QEvent>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace aiband;

namespace {

FileStore &store()
{
    static QTemporaryDir dir;
    static FileStore files(dir.path(), false);
    return files;
}

GenerationService &generation()
{
    static GenerationService service(&store(), StyleLibrary::load({QString::fromLatin1(StyleLibrary::kBuiltInFolder)}),
                                     QStringLiteral("pop"), GenerationSettings{0, 30.0, {}});
    return service;
}

QJsonObject checkedReply(const QString &text, const QString &input)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject(), input + QStringLiteral(" -> ") + text);
    const QJsonObject reply = document.object();
    FUZZ_CHECK(reply.value(QStringLiteral("type")).isString(), text);
    FUZZ_CHECK(reply.value(QStringLiteral("data")).isObject(), text);
    if (reply.value(QStringLiteral("type")).toString() == QLatin1String("error")) {
        const QJsonObject data = reply.value(QStringLiteral("data")).toObject();
        FUZZ_CHECK(!data.value(QStringLiteral("code")).toString().isEmpty(), text);
        FUZZ_CHECK(!data.value(QStringLiteral("message")).toString().isEmpty(), text);
    }
    return reply;
}

// The request_id the hub should echo, when the message is an object that has one.
QJsonValue requestIdOf(const QString &message)
{
    const QJsonDocument document = QJsonDocument::fromJson(message.toUtf8());
    if (!document.isObject())
        return QJsonValue::Undefined;
    const QJsonValue id = document.object().value(QStringLiteral("request_id"));
    return id.isNull() ? QJsonValue(QJsonValue::Undefined) : id;
}

// A live band's messages go to every member of the band as it plays, whoever spoke: not answers.
bool isLiveNotice(const QJsonObject &reply)
{
    const QString type = reply.value(QStringLiteral("type")).toString();
    return type == QLatin1String("band_events") || type == QLatin1String("chord_heard");
}

void checkLiveNotice(const QJsonObject &reply, const QString &text)
{
    const QJsonObject data = reply.value(QStringLiteral("data")).toObject();
    if (reply.value(QStringLiteral("type")).toString() == QLatin1String("chord_heard")) {
        FUZZ_CHECK(!data.value(QStringLiteral("chord")).toString().isEmpty(), text);
        FUZZ_CHECK(data.value(QStringLiteral("plays_from_beat")).toDouble() >= data.value(QStringLiteral("beat")).toDouble(), text);
        return;
    }
    const double from = data.value(QStringLiteral("from_beat")).toDouble();
    const double to = data.value(QStringLiteral("to_beat")).toDouble();
    FUZZ_CHECK(from < to, text);
    for (const QJsonValue &event : data.value(QStringLiteral("events")).toArray()) {
        const double beat = event.toObject().value(QStringLiteral("beat")).toDouble();
        FUZZ_CHECK(beat >= from - 1e-6 && beat < to + 1e-6, text);
        FUZZ_CHECK(event.toObject().value(QStringLiteral("duration")).toDouble() > 0.0, text);
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::startQt();
    generation();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const QStringList lines = input.split(QLatin1Char('\n'));
    if (lines.size() > 64)
        return 0;

    BandSession session(&generation(), &store(), nullptr, ClientLimits{});
    QStringList replies[2];
    {
        WebSocketHub hub(WebSocketSettings{}, &session);
        hub.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:8000")));
        QWebSocket *sessions[2] = {hub.openDetachedSession(QStringLiteral("plugin-a"), &replies[0]),
                                   hub.openDetachedSession(QString(), &replies[1])};
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const int from = static_cast<int>(i % 2);
            const qsizetype before[2] = {replies[0].size(), replies[1].size()};
            hub.receiveText(sessions[from], lines[i]);
            // A register can replace the other session (same plugin id): it is gone from then on.
            const QJsonValue requestId = requestIdOf(lines[i]);
            int answers = 0;
            for (qsizetype r = before[from]; r < replies[from].size(); ++r) {
                const QJsonObject reply = checkedReply(replies[from][r], lines[i]);
                if (isLiveNotice(reply)) {
                    checkLiveNotice(reply, lines[i] + QStringLiteral(" -> ") + replies[from][r]);
                    continue;
                }
                ++answers;
                if (!requestId.isUndefined())
                    FUZZ_CHECK(reply.value(QStringLiteral("request_id")) == requestId,
                               lines[i] + QStringLiteral(" -> ") + replies[from][r]);
            }
            FUZZ_CHECK(answers <= 1, lines[i]);
            for (qsizetype r = before[1 - from]; r < replies[1 - from].size(); ++r) {
                const QJsonObject reply = checkedReply(replies[1 - from][r], lines[i]);
                if (isLiveNotice(reply)) {
                    checkLiveNotice(reply, lines[i] + QStringLiteral(" -> other session: ") + replies[1 - from][r]);
                    continue;
                }
                FUZZ_CHECK(reply.value(QStringLiteral("type")).toString() == QLatin1String("transport_sync"),
                           lines[i] + QStringLiteral(" -> other session: ") + replies[1 - from][r]);
            }
        }
        hub.closeAll();
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
