#include "files/FileIndex.h"
#include "files/FileStore.h"

#include <QTest>

using namespace aiband;

namespace {

const QDateTime kStart = QDateTime::fromMSecsSinceEpoch(1795525039000, Qt::UTC);

// A store name whose timestamp and suffix follow `i`, so tests can make many distinct ones.
QString nameOf(int i)
{
    return QStringLiteral("20261124-120001-123_bass_C_120_%1.mid").arg(i, 6, 16, QLatin1Char('0'));
}

QStringList namesOf(const FilePage &page)
{
    QStringList names;
    for (const StoredFile &file : page.files)
        names.append(file.name);
    return names;
}

// Every page from the first, following next_cursor, as a client would.
QStringList walk(const FileIndex &index, qsizetype limit)
{
    QStringList names;
    std::optional<FileCursor> after;
    do {
        const FilePage page = index.page(after, limit);
        names += namesOf(page);
        after = page.next;
    } while (after);
    return names;
}

} // namespace

class TestFileIndex : public QObject {
    Q_OBJECT
private slots:
    void pagesAreNewestFirstByTimeThenName()
    {
        FileIndex index(QStringLiteral("/takes"));
        index.insert(nameOf(1), 10, kStart.addSecs(2));
        index.insert(nameOf(2), 20, kStart);             // older, though named later
        index.insert(nameOf(3), 30, kStart.addSecs(2));  // same time as 1: the name decides
        const FilePage first = index.page(std::nullopt, 2);
        QCOMPARE(namesOf(first), (QStringList{nameOf(3), nameOf(1)}));
        QCOMPARE(first.total, 3);
        QVERIFY(first.next.has_value());
        const FilePage last = index.page(first.next, 2);
        QCOMPARE(namesOf(last), QStringList{nameOf(2)});
        QVERIFY(!last.next.has_value());
        QCOMPARE(last.files.first().path, QStringLiteral("/takes/") + nameOf(2));
        QCOMPARE(last.files.first().sizeBytes, 20);
        QCOMPARE(last.files.first().modified, kStart);
        QCOMPARE(last.files.first().trackType, QStringLiteral("bass"));
    }

    void aFullLastPageHasNoNextCursor()
    {
        FileIndex index(QStringLiteral("/takes"));
        for (int i = 0; i < 4; ++i)
            index.insert(nameOf(i), 1, kStart.addSecs(i));
        QVERIFY(!index.page(std::nullopt, 4).next.has_value());
        QVERIFY(!index.page(std::nullopt, 10).next.has_value());
        QVERIFY(index.page(FileCursor{0, nameOf(0)}, 10).files.isEmpty());   // after the oldest
    }

    void pagesStayStableWhileFilesComeAndGo()
    {
        FileIndex index(QStringLiteral("/takes"));
        for (int i = 0; i < 100; ++i)
            index.insert(nameOf(i), 1, kStart.addSecs(i));
        // A client reads pages of 10 while takes keep arriving and others are deleted, some of
        // them the very files its cursor points at.
        QStringList seen;
        std::optional<FileCursor> after;
        int added = 100;
        do {
            const FilePage page = index.page(after, 10);
            seen += namesOf(page);
            after = page.next;
            index.insert(nameOf(added), 1, kStart.addSecs(added));   // newer than every page
            ++added;
            if (after)
                index.erase(after->name);                            // the cursor's own file
            index.erase(nameOf(3));                                  // one not read yet
        } while (after);
        // Nothing read twice, nothing skipped but what was deleted before its page came.
        QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), seen.size());
        QStringList expected;
        for (int i = 99; i >= 0; --i) {
            if (i != 3)
                expected.append(nameOf(i));
        }
        QCOMPARE(seen, expected);
    }

    void insertingANameAgainMovesIt()
    {
        FileIndex index(QStringLiteral("/takes"));
        index.insert(nameOf(1), 1, kStart);
        index.insert(nameOf(2), 1, kStart.addSecs(1));
        index.insert(nameOf(1), 5, kStart.addSecs(2));   // rewritten by someone
        QCOMPARE(index.size(), 2);
        QCOMPARE(walk(index, 1), (QStringList{nameOf(1), nameOf(2)}));
        QCOMPARE(index.find(nameOf(1))->sizeBytes, 5);
        QVERIFY(index.erase(nameOf(1)));
        QVERIFY(!index.erase(nameOf(1)));
        QVERIFY(!index.find(nameOf(1)).has_value());
        QCOMPARE(walk(index, 1), QStringList{nameOf(2)});
    }

    void visitsOldestFirstUntilToldToStop()
    {
        FileIndex index(QStringLiteral("/takes"));
        for (int i = 0; i < 5; ++i)
            index.insert(nameOf(i), 1, kStart.addSecs(10 - i));   // the first made is the newest
        QStringList visited;
        index.visitOldestFirst([&](const StoredFile &file) {
            visited.append(file.name);
            return visited.size() < 3;
        });
        QCOMPARE(visited, (QStringList{nameOf(4), nameOf(3), nameOf(2)}));
    }

    void cursorsRoundTripAndAnythingElseIsRefused()
    {
        const FileCursor cursor{kStart.toMSecsSinceEpoch(), nameOf(7)};
        const QString text = cursor.encode();
        // Safe in a query string as it is.
        QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]+$")).match(text).hasMatch());
        QCOMPARE(FileCursor::decode(text), cursor);
        for (const QString &bad : {QString(), QStringLiteral("!!!"), QStringLiteral("abc="), text + QStringLiteral("%"),
                                   FileCursor{-1, nameOf(7)}.encode(), FileCursor{1, QStringLiteral("../x.mid")}.encode(),
                                   QString::fromLatin1(QByteArray("12345").toBase64(QByteArray::Base64UrlEncoding)),
                                   QString::fromLatin1(QByteArray("x/" + nameOf(7).toUtf8()).toBase64(QByteArray::Base64UrlEncoding))})
            QVERIFY2(!FileCursor::decode(bad).has_value(), qPrintable(bad));
    }
};

QTEST_GUILESS_MAIN(TestFileIndex)
#include "tst_file_index.moc"
