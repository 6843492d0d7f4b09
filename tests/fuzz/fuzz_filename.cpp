// Fuzz target: the file-name validator and the path handling of the HTTP file routes.
// Input: the raw path tail of GET/DELETE /api/files/{filename} as a client could send it
// (percent-encoded or not). It is read the way the server reads it (QUrl, then
// HttpRouter::arguments, which percent-decodes), then given to FileStore::isStoreFileName,
// find() and remove() on a scratch folder holding one file.
// Invariants checked:
// - a name the validator accepts is plain ASCII, a single path component ending in .mid: no
//   '/', '\', "..", NUL or control characters, and it stays inside the store's folder;
// - find() and remove() of any other name touch nothing: the scratch file survives;
// - the file routes' placeholder is one whole segment, never empty.

#include "FuzzSupport.h"
#include "files/FileStore.h"
#include "server/HttpRouter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUrl>

#include <cstddef>
#include <cstdint>

using namespace aiband;

namespace {

const QString kKeptName = QStringLiteral("20240102-030405-678_bass_C_120_abcdef.mid");

QTemporaryDir &scratch()
{
    static QTemporaryDir dir;
    return dir;
}

void keepScratchFile()
{
    QFile file(scratch().filePath(kKeptName));
    if (!file.exists()) {
        file.open(QIODevice::WriteOnly);
        file.write("MThd");
    }
}

void checkName(const QString &name, FileStore &store)
{
    if (FileStore::isStoreFileName(name)) {
        FUZZ_CHECK(name.endsWith(QStringLiteral(".mid")), name);
        FUZZ_CHECK(!name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\')), name);
        FUZZ_CHECK(!name.contains(QStringLiteral("..")), name);
        for (QChar c : name)
            FUZZ_CHECK(c.unicode() > 0x20 && c.unicode() < 0x7f, name + QStringLiteral(" has a character outside printable ASCII"));
        const QString path = QDir::cleanPath(store.directory() + QLatin1Char('/') + name);
        FUZZ_CHECK(QFileInfo(path).absolutePath() == store.directory(), name);
        FUZZ_CHECK(QFileInfo(path).fileName() == name, name);
        return;
    }
    FUZZ_CHECK(!store.find(name).has_value(), name);
    FUZZ_CHECK(!store.remove(name).ok(), name);
    FUZZ_CHECK(QFile::exists(scratch().filePath(kKeptName)), name + QStringLiteral(" removed another file"));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::startQt();
    FUZZ_CHECK(scratch().isValid(), QStringLiteral("no scratch folder"));
    keepScratchFile();
    FUZZ_CHECK(FileStore::isStoreFileName(kKeptName), kKeptName);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1024)
        return 0;
    static FileStore store(QDir(scratch().path()).canonicalPath(), false);
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));

    // As a name already decoded (what handlers get) ...
    const QString decoded = QString::fromUtf8(bytes);
    checkName(decoded, store);

    // ... and as the tail of a request path, read the way the router reads it.
    const QUrl url(QStringLiteral("http://127.0.0.1:8000/api/files/") + QString::fromLatin1(bytes), QUrl::TolerantMode);
    if (const auto args = HttpRouter::arguments(QStringLiteral("/api/files/{filename}"), url)) {
        FUZZ_CHECK(args->size() == 1 && !args->front().isEmpty(), decoded);
        checkName(args->front(), store);
    }
    // The one real file: found, and if a name equal to it ever gets removed, put back.
    if (decoded == kKeptName)
        keepScratchFile();
    return 0;
}
