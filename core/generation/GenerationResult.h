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

    // As an answer describes it, compact JSON, keys ascending: filename, note_count, path (in
    // the takes folder), size_bytes, track_type, url (for download). With `take`, also its
    // duration, key and tempo among them (midi_ready's data).
    QByteArray toJsonText(DownloadUrls &urls, const ArrangementSummary *take = nullptr) const;
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

    // What every answer to the take says of it: its files (GeneratedFile::toJsonText, as a JSON
    // array) and its metadata (metadataText, or the arrangement's when it was not written).
    QByteArray filesText(DownloadUrls &urls) const;
    QByteArray metadataJsonText() const;
};

} // namespace aiband
