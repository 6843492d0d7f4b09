#include "AccessToken.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

#include <array>

namespace aiband::AccessToken {
namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

Error tokenError(const QString &message)
{
    return makeError(QStringLiteral("token_unavailable"), message);
}

} // namespace

QString generate()
{
    std::array<quint32, kRandomBytes / sizeof(quint32)> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), kRandomBytes);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

bool isWellFormed(const QString &token)
{
    if (token.size() < kMinimumLength || token.size() > 512)
        return false;
    for (const QChar c : token) {
        const bool safe = (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('-') || c == QLatin1Char('_')
            || c == QLatin1Char('.') || c == QLatin1Char('~');
        if (!safe)
            return false;
    }
    return true;
}

Result<QString> read(const QString &file)
{
    const QFileInfo info(file);
    if ((info.permissions() & kOthers) != 0)
        return tokenError(QStringLiteral("the token file %1 may be read or changed by other users; "
                                         "make it private with: chmod 600 %1").arg(file));
    QFile handle(file);
    if (!handle.open(QIODevice::ReadOnly))
        return tokenError(QStringLiteral("cannot read the token file %1: %2").arg(file, handle.errorString()));
    const QString token = QString::fromUtf8(handle.read(4096)).trimmed();
    if (!isWellFormed(token))
        return tokenError(QStringLiteral("the token file %1 does not hold a token (%2 or more of A-Z a-z 0-9 - _ . ~); "
                                         "delete it and a new one is made at the next start")
                              .arg(file).arg(kMinimumLength));
    return token;
}

Status write(const QString &file, const QString &token)
{
    const QFileInfo info(file);
    QDir folder = info.absoluteDir();
    if (!folder.exists()) {
        if (!folder.mkpath(QStringLiteral(".")))
            return tokenError(QStringLiteral("cannot create the folder %1 for the token file").arg(folder.path()));
        QFile::setPermissions(folder.path(), kOwnerOnly | QFileDevice::ExeOwner);
    }
    QSaveFile handle(file);
    // Owner-only before the first byte is written, so the secret is never in a readable file.
    if (!handle.open(QIODevice::WriteOnly) || !handle.setPermissions(kOwnerOnly))
        return tokenError(QStringLiteral("cannot write the token file %1: %2").arg(file, handle.errorString()));
    handle.write(token.toUtf8() + '\n');
    if (!handle.commit())
        return tokenError(QStringLiteral("cannot write the token file %1: %2").arg(file, handle.errorString()));
    return Done{};
}

Result<QString> loadOrCreate(const QString &file)
{
    if (QFileInfo::exists(file))
        return read(file);
    const QString token = generate();
    if (Status written = write(file, token); !written)
        return written.error();
    return token;
}

} // namespace aiband::AccessToken
