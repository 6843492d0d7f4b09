#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <utility>

namespace aiband {

// Which values of a generation the defaults filled in, and with what: the answer's
// "defaults_used", a handful of names. Kept as a list of names and values in the order JSON
// writes an object's keys (ascending): a QJsonObject's insert cost 2,000-4,000 instructions, seven
// a take, and writing it out 12,000 more (callgrind).
class DefaultsUsed {
public:
    void insert(const QString &name, const QJsonValue &value);   // replaces a value already there
    bool contains(const QString &name) const;
    QJsonValue value(const QString &name) const;   // undefined when the name is not there

    QByteArray toJsonText() const;   // exactly compactJson() of a QJsonObject of them

    bool operator==(const DefaultsUsed &) const = default;

private:
    const QJsonValue *find(const QString &name) const;   // null when the name is not there

    QList<std::pair<QString, QJsonValue>> m_values;   // ascending by name
};

} // namespace aiband
