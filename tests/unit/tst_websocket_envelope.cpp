// envelopeText (core/server/WebSocketEnvelope.h) writes a message's envelope field by field. Its
// bytes must be those of the object it stands for, as the server built it before: atTop's fields,
// then "type" and "data" (and "request_id" when there is one) set over them, written by Qt.

#include "server/WebSocketEnvelope.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace aiband;

namespace {

QString asQtWrites(ServerMessage message, const QJsonObject &data, const QJsonValue &requestId, const QJsonObject &atTop)
{
    QJsonObject envelope = atTop;
    envelope.insert(QStringLiteral("type"), serverMessageType(message));
    envelope.insert(QStringLiteral("data"), data);
    if (!requestId.isUndefined() && !requestId.isNull())
        envelope.insert(QStringLiteral("request_id"), requestId);
    return QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
}

// Names around and equal to the envelope's own, so that every place among them is taken.
const char *const kNames[] = {"", "a", "count", "data", "data_", "datum", "files", "request", "request_id",
                              "request_idx", "status", "timestamp", "type", "typo", "z", "\xc3\xa9t\xc3\xa9"};

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 1 ? 5 : 7)) {
    case 0: return QJsonValue(random.bounded(2) == 1);
    case 1: return QJsonValue(static_cast<double>(random.bounded(-100000, 100000)) / 8);
    case 2: return QJsonValue(QString::fromUtf8(kNames[random.bounded(int(std::size(kNames)))]) + QStringLiteral("\"\n\\"));
    case 3: return QJsonValue();
    case 4: return QJsonValue(static_cast<qint64>(random.generate64() >> random.bounded(1, 64)));
    case 5: return QJsonArray{randomValue(random, depth + 1), randomValue(random, depth + 1)};
    default: {
        QJsonObject object;
        for (int i = random.bounded(4); i > 0; --i)
            object.insert(QString::fromUtf8(kNames[random.bounded(int(std::size(kNames)))]), randomValue(random, depth + 1));
        return object;
    }
    }
}

QJsonObject randomObject(QRandomGenerator &random)
{
    QJsonObject object;
    for (int i = random.bounded(6); i > 0; --i)
        object.insert(QString::fromUtf8(kNames[random.bounded(int(std::size(kNames)))]), randomValue(random, 0));
    return object;
}

} // namespace

class TestWebSocketEnvelope : public QObject {
    Q_OBJECT

private slots:
    void anEnvelopeIsTheTextQtWritesForItsObject()
    {
        QRandomGenerator random(18);
        const QJsonValue requestIds[] = {QJsonValue(QJsonValue::Undefined), QJsonValue(), QJsonValue(QStringLiteral("r-1")),
                                         QJsonValue(7), QJsonValue(QStringLiteral("\"quoted\""))};
        for (int i = 0; i < 2000; ++i) {
            const auto message = static_cast<ServerMessage>(random.bounded(int(ServerMessage::Error) + 1));
            const QJsonObject data = randomObject(random);
            const QJsonObject atTop = random.bounded(3) == 0 ? QJsonObject() : randomObject(random);
            const QJsonValue requestId = requestIds[random.bounded(int(std::size(requestIds)))];
            QCOMPARE(envelopeText(message, data, requestId, atTop), asQtWrites(message, data, requestId, atTop));
        }
    }

    void theEnvelopesOwnFieldsWinOverAtTopsAndATopRequestIdStaysWithoutOne()
    {
        const QJsonObject atTop{{QStringLiteral("type"), QStringLiteral("mine")},
                                {QStringLiteral("data"), 1},
                                {QStringLiteral("request_id"), QStringLiteral("top")},
                                {QStringLiteral("tempo"), 120}};
        const QJsonObject data{{QStringLiteral("tempo"), 120}};
        QCOMPARE(envelopeText(ServerMessage::TransportSync, data, QStringLiteral("r-9"), atTop),
                 QStringLiteral(R"({"data":{"tempo":120},"request_id":"r-9","tempo":120,"type":"transport_sync"})"));
        QCOMPARE(envelopeText(ServerMessage::TransportSync, data, {}, atTop),
                 QStringLiteral(R"({"data":{"tempo":120},"request_id":"top","tempo":120,"type":"transport_sync"})"));
    }

    // What a client sends: its fields in "data" or beside "type", never both; request_id and a
    // null data are the envelope's, not fields beside it.
    void aMessagesFieldsAreInDataOrBesideType_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("atTop");
        QTest::addColumn<QString>("fields");   // the data read, compact
        QTest::newRow("type alone") << R"({"type":"heartbeat"})" << false << "{}";
        QTest::newRow("data") << R"({"type":"heartbeat","data":{"timestamp":1}})" << false << R"({"timestamp":1})";
        QTest::newRow("data, request_id") << R"({"request_id":"r","type":"heartbeat","data":{"timestamp":1}})" << false
                                          << R"({"timestamp":1})";
        QTest::newRow("null data, null request_id") << R"({"request_id":null,"type":"heartbeat","data":null})" << false << "{}";
        QTest::newRow("request_id alone") << R"({"request_id":7,"type":"heartbeat"})" << false << "{}";
        QTest::newRow("beside type") << R"({"type":"heartbeat","timestamp":1})" << true << R"({"timestamp":1})";
        QTest::newRow("beside type, request_id") << R"({"type":"transport_update","request_id":"r","tempo":90,"is_playing":true})"
                                                 << true << R"({"is_playing":true,"tempo":90})";
    }
    void aMessagesFieldsAreInDataOrBesideType()
    {
        QFETCH(QString, text);
        QFETCH(bool, atTop);
        QFETCH(QString, fields);
        QJsonValue requestId;
        const Result<IncomingMessage> message = readEnvelope(text, {}, &requestId);
        QVERIFY(message.ok());
        QCOMPARE(message->fieldsAtTop, atTop);
        QCOMPARE(QString::fromUtf8(QJsonDocument(message->data).toJson(QJsonDocument::Compact)), fields);
        QCOMPARE(message->requestId, requestId);
    }

    void fieldsInDataAndBesideTypeAreRefusedNamingOne()
    {
        QJsonValue requestId;
        const Result<IncomingMessage> both =
            readEnvelope(QStringLiteral(R"({"type":"heartbeat","data":{},"request_id":"r","tempo":1})"), {}, &requestId);
        QVERIFY(!both.ok());
        QCOMPARE(both.error().field, QStringLiteral("tempo"));
        QCOMPARE(requestId, QJsonValue(QStringLiteral("r")));
    }
};

QTEST_GUILESS_MAIN(TestWebSocketEnvelope)
#include "tst_websocket_envelope.moc"
