#include "DownloadUrls.h"

#include <algorithm>

namespace aiband {
namespace {

// Letters, digits, '-', '.', '_' and '~': what a URL path keeps as it is (RFC 3986's unreserved
// characters), and every store name is made of them.
bool keptAsIsInUrls(QStringView name)
{
    return std::all_of(name.begin(), name.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'-'
               || u == u'.' || u == u'_' || u == u'~';
    });
}

} // namespace

QUrl fileDownloadUrl(const QUrl &baseUrl, const QString &name)
{
    QUrl url = baseUrl;
    url.setPath(QStringLiteral("/api/files/") + name);
    return url;
}

QString DownloadUrls::of(const QString &name)
{
    if (!keptAsIsInUrls(name))
        return fileDownloadUrl(m_baseUrl, name).toString();
    if (m_prefix)
        return *m_prefix + name;
    QString url = fileDownloadUrl(m_baseUrl, name).toString();
    if (!m_baseUrl.hasQuery() && !m_baseUrl.hasFragment() && url.endsWith(name))
        m_prefix = url.chopped(name.size());
    return url;
}

} // namespace aiband
