// compactJson (core/util/CompactJson.h) must give exactly QJsonDocument::toJson(Compact)'s bytes:
// the answers and WebSocket messages written with it are compared by clients byte for byte no
// more than Qt's, but a difference would still be a change of behaviour.

#include "util/CompactJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace aiband;

namespace {

QByteArray qtCompact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString randomString(QRandomGenerator &random)
{
    // ASCII, control characters, quotes and backslashes, Latin-1, CJK, and surrogate pairs.
    static const char16_t pool[] = {u'a', u'Z', u'0', u' ', u'"', u'\\', u'/', u'\n', u'\t', u'\r', u'\b', u'\f',
                                    0x01, 0x1f, 0x7f, 0xe9, 0xf1, 0x3b2, 0x266f, 0x4e2d, 0xfffd};
    QString text;
    const int length = random.bounded(12);
    for (int i = 0; i < length; ++i) {
        if (random.bounded(25) == 0) {
            text.append(QChar(random.bounded(2) ? 0xd800 + random.bounded(0x400) : 0xdc00 + random.bounded(0x400)));
        } else if (random.bounded(10) == 0) {
            text.append(QChar(0xd83c));   // 🎵: a pair
            text.append(QChar(0xdfb5));
        } else {
            text.append(QChar(pool[random.bounded(int(std::size(pool)))]));
        }
    }
    return text;
}

QJsonValue randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 2 ? 6 : 8)) {
    case 0: return QJsonValue(random.bounded(2) == 1);
    case 1: return QJsonValue(static_cast<qint64>(random.generate64()) >> random.bounded(64));
    case 2: return QJsonValue(random.generateDouble() * std::pow(10.0, random.bounded(-12, 25)) * (random.bounded(2) ? 1 : -1));
    case 3: return QJsonValue(static_cast<double>(random.bounded(-100000, 100000)));
    case 4: return randomString(random);
    case 5: return QJsonValue();
    case 6: {
        QJsonArray array;
        const int n = random.bounded(5);
        for (int i = 0; i < n; ++i)
            array.append(randomValue(random, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        const int n = random.bounded(6);
        for (int i = 0; i < n; ++i)
            object.insert(randomString(random), randomValue(random, depth + 1));
        return object;
    }
    }
}

} // namespace

class TestCompactJson : public QObject {
    Q_OBJECT

private slots:
    void sameBytesAsQt_data()
    {
        QTest::addColumn<QJsonObject>("object");
        QTest::newRow("empty") << QJsonObject{};
        QTest::newRow("scalars") << QJsonObject{{"t", true}, {"f", false}, {"n", QJsonValue()}, {"i", 120},
                                                {"d", 0.5}, {"big", 1e300}, {"small", 1.5e-7}, {"neg", -3.25},
                                                {"whole_double", 1000000.0}, {"int64", qint64(9007199254740993LL)},
                                                {"min", std::numeric_limits<qint64>::min()}};
        QTest::newRow("not finite") << QJsonObject{{"inf", std::numeric_limits<double>::infinity()},
                                                   {"nan", std::numeric_limits<double>::quiet_NaN()}};
        QTest::newRow("escapes") << QJsonObject{{"s", QStringLiteral("a\"b\\c/d\ne\tf\rg\bh\fi\x01j\x1fk\x7f")}};
        QTest::newRow("unicode") << QJsonObject{{QStringLiteral("clé"), QStringLiteral("Señor ♯ 中文 🎵")}};
        QTest::newRow("nested") << QJsonObject{{"a", QJsonArray{1, "x", QJsonArray{}, QJsonObject{}, QJsonObject{{"k", 2.5}}}},
                                               {"o", QJsonObject{{"z", 1}, {"a", 2}}}};
        QTest::newRow("lone surrogates") << QJsonObject{{"s", QString(QChar(0xd800))},
                                                                     {"t", QString(QChar(0xdc00)) + QStringLiteral("x")},
                                                                     {"u", QStringLiteral("a") + QChar(0xd83c) + QStringLiteral("b")},
                                                                     {"v", QString(QChar(0xd83c)) + QChar(0xd83c) + QChar(0xdfb5)},
                                                                     {"w", QString(QChar(0xfffe)) + QChar(0xfdd0)}};
    }

    void sameBytesAsQt()
    {
        QFETCH(QJsonObject, object);
        QCOMPARE(compactJson(object), qtCompact(object));
    }

    // An object written field by field (GET /health's way, an object's text inside another as the
    // listings nest theirs) is the text of the same QJsonObject.
    void objectTextIsTheSameObjectsText()
    {
        const QString odd = QStringLiteral("/home/zoë/\"takes\"\n") + QChar(0xd800) + QStringLiteral("🎵");
        CompactObjectText text;
        text.add(QLatin1String("a_count"), 3)
            .add(QLatin1String("b_flag"), true)
            .add(QLatin1String("c_large"), qint64(9007199254740993LL))
            .add(QLatin1String("d_half"), 0.5)
            .add(QLatin1String("e_whole"), 1000000.0)
            .add(QLatin1String("f_path"), odd)
            .add(QLatin1String("g_empty"), QString())
            .add(QLatin1String("h_value"), QJsonValue(QJsonArray{1, "x"}))
            .add(QLatin1String("i_\"quoted\"\tkey"), false)
            .add(QLatin1String("j_cl\xe9"), 2)
            .addText(QLatin1String("k_nested"), CompactObjectText().add(QLatin1String("x"), odd).text())
            .add(QLatin1String("l_strings"), QStringList{QStringLiteral("bass"), odd, QString(), QStringLiteral("\\")})
            .add(QLatin1String("m_none"), QStringList());
        const QJsonObject object{{"a_count", 3}, {"b_flag", true}, {"c_large", qint64(9007199254740993LL)},
                                 {"d_half", 0.5}, {"e_whole", 1000000.0}, {"f_path", odd}, {"g_empty", QString()},
                                 {"h_value", QJsonArray{1, "x"}}, {"i_\"quoted\"\tkey", false},
                                 {QString(QLatin1String("j_cl\xe9")), 2}, {"k_nested", QJsonObject{{"x", odd}}},
                                 {"l_strings", QJsonArray{"bass", odd, QString(), "\\"}}, {"m_none", QJsonArray()}};
        QCOMPARE(text.text(), qtCompact(object));
        QCOMPARE(CompactObjectText().text(), QByteArray("{}"));
    }

    void sameBytesAsQtForRandomDocuments()
    {
        QRandomGenerator random(18);
        for (int i = 0; i < 3000; ++i) {
            QJsonObject object;
            const int n = random.bounded(8);
            for (int k = 0; k < n; ++k)
                object.insert(randomString(random), randomValue(random, 0));
            const QByteArray ours = compactJson(object);
            const QByteArray qt = qtCompact(object);
            if (ours != qt)
                QFAIL(qPrintable(QStringLiteral("document %1:\nours %2\nQt's %3").arg(i).arg(QString::fromUtf8(ours),
                                                                                           QString::fromUtf8(qt))));
        }
    }
    // Numbers with a fraction are written from their shortest digits without Qt's formatting:
    // Qt's text for a million of them, from 1e-12 to 1e17 and both signs, and for those at the
    // edges of its exponent form (0.001 and 0.0001 with one and more digits).
    void numbersWithAFractionAreQtsText()
    {
        QList<double> numbers{0.5, -0.5, 0.179577, 97.5, 0.001, 0.0001, 0.00012, 0.0012, 0.000123, 1e-5, 1.5e-5,
                              0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0, 123456789.125, 4503599627370495.5, 9007199254740991.0,
                              5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e21, 1e22, 123e18};
        QRandomGenerator random(2026);
        for (int i = 0; i < 1000000; ++i) {
            const double scale = std::pow(10.0, random.bounded(-12, 18));
            double d = random.generateDouble() * scale * (random.bounded(2) ? 1 : -1);
            if (i % 3 == 0)
                d = std::round(d * 1000.0) / 1000.0;   // few digits, as tempos and feels have
            numbers.append(d);
        }
        for (double d : std::as_const(numbers)) {
            const QJsonArray array{d};
            const QByteArray ours = compactJson(array);
            const QByteArray qt = QJsonDocument(array).toJson(QJsonDocument::Compact);
            if (ours != qt)
                QFAIL(qPrintable(QStringLiteral("%1: ours %2, Qt's %3").arg(d, 0, 'g', 17).arg(QString::fromUtf8(ours), QString::fromUtf8(qt))));
            const QByteArray field = CompactObjectText().add(QLatin1String("n"), d).text();
            if (field != qtCompact(QJsonObject{{QStringLiteral("n"), d}}))
                QFAIL(qPrintable(QStringLiteral("%1 as a field: ours %2").arg(d, 0, 'g', 17).arg(QString::fromUtf8(field))));
        }
    }
};

QTEST_APPLESS_MAIN(TestCompactJson)
#include "tst_compact_json.moc"
