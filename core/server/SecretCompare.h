#pragma once

#include <QByteArrayView>

namespace aiband {

// Compares a presented secret with the real one in time that depends on neither's content nor
// length: both are hashed (SHA-256) and the digests compared without an early exit, so timing
// a wrong guess tells nothing about how close it was. Qt has no such function; this is the
// usual construction (as in OpenSSL's CRYPTO_memcmp over HMACs).
bool secretsEqual(QByteArrayView presented, QByteArrayView expected);

} // namespace aiband
