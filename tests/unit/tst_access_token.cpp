// The access token file (core/config/AccessToken.h): made from the system's random source,
// private to its owner, refused when others could read it, replaced atomically.

#include "config/AccessToken.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace aiband;

namespace {

// The file's mode bits as the kernel has them (QFileInfo maps them to flags; this is the source).
int modeOf(const QString &path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return static_cast<int>(info.st_mode & 0777);
}

} // namespace

class TestAccessToken : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void generatedTokensCarryAtLeast128BitsAndAreUrlSafe()
    {
        QSet<QString> seen;
        for (int i = 0; i < 200; ++i) {
            const QString token = AccessToken::generate();
            // 32 random bytes as unpadded base64url: 43 characters of 6 bits = 256 bits.
            QCOMPARE(token.size(), 43);
            QVERIFY(AccessToken::isWellFormed(token));
            QCOMPARE(QByteArray::fromBase64(token.toLatin1(), QByteArray::Base64UrlEncoding).size(), 32);
            seen.insert(token);
        }
        QCOMPARE(seen.size(), 200);
        QVERIFY(AccessToken::kRandomBytes * 8 >= 128);
    }

    void wellFormedMeansLongAndUrlSafe()
    {
        QVERIFY(AccessToken::isWellFormed(QStringLiteral("abcdefghijklmnopqrstuv")));   // 22
        QVERIFY(!AccessToken::isWellFormed(QStringLiteral("abcdefghijklmnopqrstu")));   // 21
        QVERIFY(!AccessToken::isWellFormed(QStringLiteral("abcdefghijklmnopqrstuv w")));
        QVERIFY(!AccessToken::isWellFormed(QStringLiteral("abcdefghijklmnopqrstuv&x")));
        QVERIFY(!AccessToken::isWellFormed(QString()));
    }

    void firstStartCreatesAPrivateFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("new/folder/token"));
        const Result<QString> token = AccessToken::loadOrCreate(file);
        QVERIFY2(token.ok(), token.ok() ? "" : qPrintable(token.error().message));
        QCOMPARE(modeOf(file), 0600);
        QCOMPARE(modeOf(QFileInfo(file).absolutePath()), 0700);
        QFile handle(file);
        QVERIFY(handle.open(QIODevice::ReadOnly));
        QCOMPARE(handle.readAll().trimmed(), token->toUtf8());

        // The second start reads the same token.
        const Result<QString> again = AccessToken::loadOrCreate(file);
        QVERIFY(again.ok());
        QCOMPARE(*again, *token);
    }

    void aFileOthersCanReadIsRefused_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("0644") << 0644;
        QTest::newRow("0640") << 0640;
        QTest::newRow("0604") << 0604;
        QTest::newRow("0620") << 0620;
    }
    void aFileOthersCanReadIsRefused()
    {
        QFETCH(int, mode);
        const QString file = m_dir.filePath(QStringLiteral("shared-token"));
        QVERIFY(AccessToken::write(file, AccessToken::generate()).ok());
        QCOMPARE(::chmod(QFile::encodeName(file).constData(), static_cast<mode_t>(mode)), 0);
        const Result<QString> token = AccessToken::read(file);
        QVERIFY(!token.ok());
        QVERIFY(token.error().message.contains(QStringLiteral("chmod 600")));
        QVERIFY(!AccessToken::loadOrCreate(file).ok());
    }

    void rewritingReplacesTheTokenAndKeepsTheFilePrivate()
    {
        const QString file = m_dir.filePath(QStringLiteral("regenerated"));
        const QString first = *AccessToken::loadOrCreate(file);
        // Even a file made readable by mistake becomes private again when rewritten.
        QCOMPARE(::chmod(QFile::encodeName(file).constData(), 0644), 0);
        const QString second = AccessToken::generate();
        QVERIFY(AccessToken::write(file, second).ok());
        QCOMPARE(modeOf(file), 0600);
        const Result<QString> read = AccessToken::read(file);
        QVERIFY(read.ok());
        QCOMPARE(*read, second);
        QVERIFY(first != second);
    }

    void aFileWithoutATokenIsRefusedWithoutQuotingIt()
    {
        const QString file = m_dir.filePath(QStringLiteral("garbage"));
        QFile handle(file);
        QVERIFY(handle.open(QIODevice::WriteOnly));
        handle.write("short secret\n");
        handle.close();
        QVERIFY(handle.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const Result<QString> token = AccessToken::read(file);
        QVERIFY(!token.ok());
        QVERIFY(!token.error().message.contains(QStringLiteral("short secret")));
    }
};

QTEST_GUILESS_MAIN(TestAccessToken)
#include "tst_access_token.moc"
