#include "SecretCompare.h"

#include <QCryptographicHash>

namespace aiband {

bool secretsEqual(QByteArrayView presented, QByteArrayView expected)
{
    const QByteArray a = QCryptographicHash::hash(presented, QCryptographicHash::Sha256);
    const QByteArray b = QCryptographicHash::hash(expected, QCryptographicHash::Sha256);
    // volatile keeps the compiler from turning the loop back into an early-exit memcmp.
    volatile unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference = difference | static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0 && !expected.isEmpty();
}

} // namespace aiband
