#include "HostNames.h"

#include <QHostAddress>

#include <algorithm>

namespace aiband {
namespace {

bool isDnsName(QStringView name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    for (const QStringView label : name.split(QLatin1Char('.'))) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(QLatin1Char('-'))
            || label.endsWith(QLatin1Char('-')))
            return false;
        for (const QChar c : label) {
            if (!(c.isDigit() || (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || c == QLatin1Char('-')))
                return false;
        }
    }
    return true;
}

// Exactly four decimal parts of 0-255 without leading zeros: the one spelling browsers send.
bool isDottedQuad(QStringView name)
{
    const auto parts = name.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return false;
    for (const QStringView part : parts) {
        if (part.isEmpty() || part.size() > 3 || (part.size() > 1 && part.startsWith(QLatin1Char('0'))))
            return false;
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok || value > 255 || !std::all_of(part.begin(), part.end(), [](QChar c) { return c.isDigit(); }))
            return false;
    }
    return true;
}

} // namespace

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isWildcardAddress(const QString &host)
{
    const QHostAddress address(host);
    return address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6);
}

std::optional<QString> normalizedHostName(QStringView text)
{
    const QString name = text.trimmed().toString().toLower();
    if (name.startsWith(QLatin1Char('[')) && name.endsWith(QLatin1Char(']'))) {
        const QHostAddress address(name.mid(1, name.size() - 2));
        if (address.protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
        return QLatin1Char('[') + address.toString().toLower() + QLatin1Char(']');
    }
    if (isDottedQuad(name))
        return name;
    // Anything else that a URL parser would read as an IPv4 address ("2130706433",
    // "0177.0.0.1", "0x7f.1", "127.1") is no name: such spellings are how requests sneak past
    // a comparison with "127.0.0.1".
    const QStringView last = QStringView(name).mid(name.lastIndexOf(QLatin1Char('.')) + 1);
    const bool numericLast = !last.isEmpty()
        && (last.startsWith(QLatin1String("0x")) || std::all_of(last.begin(), last.end(), [](QChar c) { return c.isDigit(); }));
    if (numericLast || !isDnsName(name))
        return std::nullopt;
    return name;
}

std::optional<QString> normalizedOrigin(QStringView text)
{
    const QString origin = text.trimmed().toString();
    const qsizetype separator = origin.indexOf(QLatin1String("://"));
    if (separator <= 0)
        return std::nullopt;
    const QString scheme = origin.left(separator).toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return std::nullopt;
    QStringView authority = QStringView(origin).mid(separator + 3);
    if (authority.endsWith(QLatin1Char('/')))
        authority.chop(1);
    for (const char forbidden : {'/', '?', '#', '@', '\\', ' '}) {
        if (authority.contains(QLatin1Char(forbidden)))
            return std::nullopt;
    }
    // The host as written: parsed by hand, because QUrl would read "2130706433" as an address
    // and a browser's Origin header never carries such a spelling.
    const qsizetype hostEnd = authority.startsWith(QLatin1Char('['))
        ? authority.indexOf(QLatin1Char(']')) + 1
        : (authority.contains(QLatin1Char(':')) ? authority.lastIndexOf(QLatin1Char(':')) : authority.size());
    if (hostEnd <= 0)
        return std::nullopt;
    const auto host = normalizedHostName(authority.left(hostEnd));
    if (!host)
        return std::nullopt;
    const int defaultPort = scheme == QLatin1String("https") ? 443 : 80;
    int port = defaultPort;
    const QStringView portText = authority.mid(hostEnd);
    if (!portText.isEmpty()) {
        bool ok = false;
        port = portText.mid(1).toInt(&ok);
        if (!portText.startsWith(QLatin1Char(':')) || !ok || port < 1 || port > 65535 || portText.size() > 6
            || !std::all_of(portText.begin() + 1, portText.end(), [](QChar c) { return c.isDigit(); }))
            return std::nullopt;
    }
    QString normalized = scheme + QLatin1String("://") + *host;
    if (port != defaultPort)
        normalized += QLatin1Char(':') + QString::number(port);
    return normalized;
}

} // namespace aiband
