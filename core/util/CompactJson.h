#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace aiband {

// The same bytes as QJsonDocument(object).toJson(QJsonDocument::Compact), written into one
// buffer. Qt 6.4's writer escapes every string into a buffer of its own, re-reserves its output
// for each object and array, and appends piece by piece: about 150,000 instructions for a
// generation's 1.5 KB answer (callgrind), the largest single cost of answering it. This walks the
// same QJsonObject with Qt's public API and gives the same text: keys in the object's order,
// strings escaped as Qt escapes them (a lone surrogate as \uXXXX), numbers formatted as Qt
// formats them.
QByteArray compactJson(const QJsonObject &object);

} // namespace aiband
