#include "StoredFile.h"

#include "util/IsoTime.h"

namespace aiband {

QJsonObject StoredFile::toJson() const
{
    // filename, size and modified (Unix seconds) as the original orchestrator gave them, for its
    // users; name, size_bytes and modified_at (ISO 8601) are ours (docs/PROTOCOL.md, "Compatibility").
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("filename"), name},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("size_bytes"), sizeBytes},
                       {QStringLiteral("size"), sizeBytes},
                       {QStringLiteral("modified"), unixSeconds(modified)},
                       {QStringLiteral("modified_at"), isoTimeWithMs(modified)},
                       {QStringLiteral("track_type"), trackType}};
}

} // namespace aiband
