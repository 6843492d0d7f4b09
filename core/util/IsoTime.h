#pragma once

#include <QDateTime>
#include <QString>

namespace aiband {

// time.toUTC().toString(Qt::ISODateWithMs) ("2026-12-06T01:02:03.456Z"), as the server writes
// every UTC time (listings, the takes index, transport, plugins, WebSocket envelopes, the log's
// JSON): the same text made from its milliseconds for years 1 to 9999 (Qt's own formats each
// field through QString::asprintf, a fifth of a listing page's cost), Qt's for the rest.
QString isoTimeWithMs(const QDateTime &time);
// time.toString("yyyyMMdd-HHmmss-zzz") ("20261207-061047-672", in the time's own zone), as take
// names begin: the same text, written digit by digit for years 1 to 9999 (Qt's format was most
// of a name's cost), Qt's for the rest.
QString compactTimeWithMs(const QDateTime &time);
// time.toString(Qt::ISODateWithMs) ("2026-12-07T13:26:53.836" for a local time, which Qt writes
// without an offset), as every log line begins: the same text written digit by digit for local
// times of years 1 to 9999 (Qt's format was most of a line's cost), Qt's for the rest.
QString logTimeWithMs(const QDateTime &time);

} // namespace aiband
