#pragma once

#include "ArrangementSummary.h"
#include "DownloadUrls.h"

#include "files/StoredFile.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QUrl>

namespace aiband {

struct GeneratedFile {
    StoredFile file;
    QString trackType;
    int noteCount = 0;
    QByteArray midi;   // the bytes written (shared, not copied): announcements need not read them back

    // filename, track_type, url (for download), path (in the watched folder), size, notes
    QJsonObject toJson(DownloadUrls &urls) const;
    // The same as compactJson(toJson(urls)), written field by field for the HTTP answer.
    QByteArray toJsonText(DownloadUrls &urls) const;
};

struct GenerationResult {
    QString requestId;
    QString pluginId;
    QJsonValue clientRequestId;  // the request_id of the WebSocket message that asked, if any
    QList<GeneratedFile> files;
    ArrangementSummary arrangement;  // the answer's "metadata": tempo, key, feel, defaults used...
    QByteArray metadataText;         // arrangement.toJsonText(), written once; may be empty
    double engineMs = 0.0;    // time spent composing
    double writeMs = 0.0;     // time spent writing files
};

} // namespace aiband
