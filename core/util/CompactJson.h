#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QLatin1String>
#include <QList>

#include <string>

namespace aiband {

// The same bytes as QJsonDocument(object).toJson(QJsonDocument::Compact), written into one
// buffer. Qt 6.4's writer escapes every string into a buffer of its own, re-reserves its output
// for each object and array, and appends piece by piece: about 150,000 instructions for a
// generation's 1.5 KB answer (callgrind), the largest single cost of answering it. This walks the
// same QJsonObject with Qt's public API and gives the same text: keys in the object's order,
// strings escaped as Qt escapes them (a lone surrogate as \uXXXX), numbers formatted as Qt
// formats them.
QByteArray compactJson(const QJsonObject &object);
QByteArray compactJson(const QJsonArray &array);
// A JSON array of values already written as compact text, as they are.
QByteArray compactArrayText(const QList<QByteArray> &values);

// An object's compact text written field by field, for an answer made on every request
// (GET /health): no QJsonObject between the values and the bytes (each key inserted into one costs
// about 3,000 instructions, callgrind). Fields must be added in the order a QJsonObject keeps its
// keys, ascending, so that the text is the one compactJson gives for the same object (checked in
// debug builds; tst_compact_json and tst_server compare the bytes).
class CompactObjectText {
public:
    CompactObjectText();
    CompactObjectText &add(QLatin1String key, const QString &value);
    CompactObjectText &add(QLatin1String key, const QStringList &values);   // an array of strings
    CompactObjectText &add(QLatin1String key, qint64 value);
    CompactObjectText &add(QLatin1String key, int value) { return add(key, static_cast<qint64>(value)); }
    CompactObjectText &add(QLatin1String key, bool value);
    CompactObjectText &add(QLatin1String key, double value);
    CompactObjectText &add(QLatin1String key, const QJsonValue &value);
    // A field whose name is not a literal (names a value type keeps); they must come ascending.
    CompactObjectText &addField(QStringView key, const QJsonValue &value);
    // A value already written as compact JSON (another object's text(), compactJson's or
    // JsonTextCache's text, an array of them), as it is.
    CompactObjectText &addText(QLatin1String key, QByteArrayView json);
    QByteArray text() const;   // the object, closed

private:
    void key(QLatin1String key);          // a literal name, in ascending order
    void fieldName(QStringView name);     // any name, escaped

    std::string m_out;
    QLatin1String m_lastKey;
};

// The compact text of objects several documents share (a take's parts have one request): written
// once, then reused while the object is the same. Copies of a QJsonObject share their data, and
// comparing two that do is one pointer comparison.
class JsonTextCache {
public:
    QByteArray textOf(const QJsonObject &object);   // shared with the cache: no copy of the bytes

private:
    QList<std::pair<QJsonObject, QByteArray>> m_texts;
};

} // namespace aiband
