#pragma once

#include "util/Result.h"

#include <QString>

namespace aiband {

// The secret that lets a client use the server when a token is required (docs/SECURITY.md).
// Generated from the system's random source, kept in a file only its owner can read.
namespace AccessToken {

// Random bytes in a generated token: 256 bits, twice the 128 that are needed.
constexpr int kRandomBytes = 32;
// Shortest token accepted from the user: 22 URL-safe characters carry 128 bits.
constexpr int kMinimumLength = 22;

// A new token: kRandomBytes from QRandomGenerator::system(), as unpadded base64url (43 chars).
QString generate();

// At least kMinimumLength characters of A-Z a-z 0-9 - _ . ~ (safe in a header and in ?token=).
bool isWellFormed(const QString &token);

// Reads the token from `file`. Refused: a file other users may read or write (say chmod 600),
// or one that does not hold a well-formed token. Errors never quote the file's content.
Result<QString> read(const QString &file);

// Writes `token` to `file` atomically (QSaveFile) with mode 0600, creating the folder (0700).
Status write(const QString &file, const QString &token);

// The token in `file`, or a new one written there when the file does not exist yet.
Result<QString> loadOrCreate(const QString &file);

} // namespace AccessToken
} // namespace aiband
