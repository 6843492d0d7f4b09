// HttpRouter::arguments: how a request path is matched against a route's pattern and what its
// {placeholders} hand a handler. dispatch() matches with the same two steps (split and decode
// the path once, compare it with each route's pattern split when the route was added).

#include "server/HttpRouter.h"

#include <QTest>
#include <QUrl>

using namespace aiband;

namespace {

std::optional<QStringList> argumentsOf(const char *pattern, const char *path)
{
    return HttpRouter::arguments(QString::fromLatin1(pattern),
                                 QUrl(QStringLiteral("http://127.0.0.1:8000") + QString::fromLatin1(path)));
}

} // namespace

class TestHttpRouter : public QObject {
    Q_OBJECT

private slots:
    void placeholdersAreTheirSegmentsDecoded_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("argument");
        QTest::newRow("plain") << "/api/files/take_1.mid" << "take_1.mid";
        QTest::newRow("space") << "/api/files/a%20b.mid" << "a b.mid";
        // An encoded slash stays inside its segment, decoded: the store then refuses the name.
        QTest::newRow("slash") << "/api/files/..%2Fsecret.mid" << "../secret.mid";
        QTest::newRow("percent") << "/api/files/100%25.mid" << "100%.mid";
        QTest::newRow("utf-8") << "/api/files/caf%C3%A9.mid" << QStringLiteral("caf\u00e9.mid");
        QTest::newRow("nul") << "/api/files/x%00.mid" << QStringLiteral("x") + QChar(0) + QStringLiteral(".mid");
    }
    void placeholdersAreTheirSegmentsDecoded()
    {
        QFETCH(QString, path);
        QFETCH(QString, argument);
        const auto args = argumentsOf("/api/files/{filename}", path.toLatin1().constData());
        QVERIFY(args.has_value());
        QCOMPARE(*args, QStringList{argument});
    }

    void onlyTheWholePatternMatches()
    {
        QCOMPARE(argumentsOf("/health", "/health"), std::optional<QStringList>(QStringList{}));
        QCOMPARE(argumentsOf("/api/files/{filename}/audio", "/api/files/a.mid/audio"),
                 std::optional<QStringList>(QStringList{QStringLiteral("a.mid")}));
        for (const char *path : {"/api/files/", "/api/files", "/api/files/a.mid/", "/api/files/a.mid/audio",
                                 "/api/file/a.mid", "/API/files/a.mid", "/api//a.mid"})
            QVERIFY2(!argumentsOf("/api/files/{filename}", path).has_value(), path);
        QVERIFY(!argumentsOf("/health", "/health/").has_value());
        QVERIFY(!argumentsOf("/health", "/healthz").has_value());
    }

    // A literal segment compares decoded, as a placeholder is handed on decoded.
    void literalSegmentsCompareDecoded()
    {
        QVERIFY(argumentsOf("/api/files/{filename}", "/api/%66iles/a.mid").has_value());
        QVERIFY(argumentsOf("/health", "/%68ealth").has_value());
        QVERIFY(!argumentsOf("/api/files/{filename}", "/api%2Ffiles/a.mid").has_value());
    }
};

QTEST_GUILESS_MAIN(TestHttpRouter)
#include "tst_http_router.moc"
