#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace aiband {

// Names and origins as the access rules compare them: one canonical spelling each, so that a
// comparison is a string comparison and nothing is resolved through DNS.

// 127.0.0.0/8, ::1 or "localhost" (any case).
bool isLoopbackHost(const QString &host);

// True for 0.0.0.0 and ::, which listen on every interface.
bool isWildcardAddress(const QString &host);

// An address or DNS name as it appears in a Host header: lower case, IPv6 in brackets
// ("[::1]"), nothing else. nullopt for text that is neither (ports, paths, spaces...).
std::optional<QString> normalizedHostName(QStringView text);

// A web origin "scheme://host[:port]" in its serialized form: lower case, http or https only,
// the default port (80, 443) left out, no path, query, user or trailing slash.
std::optional<QString> normalizedOrigin(QStringView text);

} // namespace aiband
