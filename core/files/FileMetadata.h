#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace aiband {

class JsonTextCache;

// Everything needed to regenerate or vary one generated file, kept beside it in a sidecar
// (<files dir>/.aiband-meta/<file name>.json) so the folder plugins watch holds only MIDI files.
struct FileMetadata {
    static constexpr int kFormatVersion = 1;

    QString fileName;          // the .mid file this describes
    QJsonObject request;       // the request body in /api/generate's shape (flat forms converted)
    // What was played, the answer's "metadata" (style, key, feel, defaults used...), and its feel,
    // as compact JSON text: a take writes them as text (ArrangementSummary) and the takes index
    // stores text, so no object is built between the two.
    QByteArray arrangementText = QByteArrayLiteral("{}");
    QString style;
    QByteArray feelText = QByteArrayLiteral("{}");
    quint32 seed = 0;
    QString pluginId;          // empty when no plugin asked
    QString requestId;         // the server's generation id, e.g. gen-12
    QString trackType;
    QString key;               // as played, e.g. F#m
    double tempoBpm = 0.0;
    double bars = 0.0;
    QDateTime created;         // UTC
    double generationMs = 0.0; // time the engine took for the whole request

    QJsonObject toJson() const;
    QJsonObject arrangement() const;   // arrangementText read back
    // The same as compactJson(toJson()), written field by field: the takes index stores it for
    // every part and listings answer it for every file, and building the object and walking it
    // again was half of that work. With `shared`, the request is written once for the parts of a
    // take that share it.
    QByteArray toJsonText(JsonTextCache *shared = nullptr) const;
    // Refuses documents that are not sidecars of this format (a foreign or damaged file).
    static std::optional<FileMetadata> fromJson(const QJsonObject &json);

    bool operator==(const FileMetadata &) const = default;
};

} // namespace aiband
