#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace aiband {

// Where a stored file can be downloaded: {baseUrl}/api/files/{name}
QUrl fileDownloadUrl(const QUrl &baseUrl, const QString &name);

// The download URLs of several files under one base URL, each exactly fileDownloadUrl()'s text.
// A name made of the characters a URL path keeps as they are (every store name is) ends the
// first such file's URL as it is, so later ones are that URL's beginning and their own name: one
// QUrl for a take's answer or a listing's page instead of one per file (about 10,000 instructions
// each). Any other name, or a base with a query or fragment, gets its own QUrl.
class DownloadUrls {
public:
    explicit DownloadUrls(QUrl baseUrl) : m_baseUrl(std::move(baseUrl)) {}

    QString of(const QString &name);

private:
    QUrl m_baseUrl;
    std::optional<QString> m_prefix;
};

} // namespace aiband
