#pragma once

#include "util/Result.h"

#include <QHttpServerResponse>
#include <QJsonObject>

namespace aiband {

using HttpStatus = QHttpServerResponse::StatusCode;

QHttpServerResponse jsonReply(const QJsonObject &body, HttpStatus status = HttpStatus::Ok);
// A JSON body already written (compactJson, CompactObjectText).
QHttpServerResponse jsonReply(QByteArray body, HttpStatus status = HttpStatus::Ok);

// The one error shape of the API: {"error": {"code", "message", "field"}}.
QHttpServerResponse errorReply(HttpStatus status, const Error &error);
QHttpServerResponse errorReply(HttpStatus status, const QString &code, const QString &message,
                               const QString &field = {});
QJsonObject errorBody(const Error &error);

} // namespace aiband
