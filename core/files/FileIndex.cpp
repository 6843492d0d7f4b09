#include "FileIndex.h"

#include "FileStore.h"

#include <QByteArray>
#include <QStringBuilder>

namespace aiband {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr char kCursorSeparator = '/';   // never in a store name, never in a number

} // namespace

QString FileCursor::encode() const
{
    const QByteArray plain = QByteArray::number(modifiedMs) + kCursorSeparator + name.toUtf8();
    return QString::fromLatin1(plain.toBase64(kBase64Url));
}

std::optional<FileCursor> FileCursor::decode(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), kBase64Url | QByteArray::AbortOnBase64DecodingErrors);
    if (text.isEmpty() || !decoded)
        return std::nullopt;
    const QByteArray &plain = decoded.decoded;
    const qsizetype separator = plain.indexOf(kCursorSeparator);
    if (separator < 0)
        return std::nullopt;
    bool isNumber = false;
    FileCursor cursor{plain.left(separator).toLongLong(&isNumber), QString::fromUtf8(plain.mid(separator + 1))};
    // The name need not be listed any more (a deleted file still marks its place), but it must be
    // one this store could have made: anything else was not handed out by this server.
    if (!isNumber || cursor.modifiedMs < 0 || !FileStore::isStoreFileName(cursor.name))
        return std::nullopt;
    return cursor;
}

void FileIndex::insert(const QString &name, qint64 sizeBytes, const QDateTime &modified)
{
    erase(name);
    const qint64 modifiedMs = modified.toMSecsSinceEpoch();
    m_order.emplace(FileCursor{modifiedMs, name}, sizeBytes);
    m_modifiedOf.insert(name, modifiedMs);
}

bool FileIndex::erase(const QString &name)
{
    const auto known = m_modifiedOf.constFind(name);
    if (known == m_modifiedOf.cend())
        return false;
    m_order.erase(FileCursor{known.value(), name});
    m_modifiedOf.erase(known);
    return true;
}

std::optional<StoredFile> FileIndex::find(const QString &name) const
{
    const auto known = m_modifiedOf.constFind(name);
    if (known == m_modifiedOf.cend())
        return std::nullopt;
    return storedFile(*m_order.find(FileCursor{known.value(), name}));
}

void FileIndex::clear()
{
    m_order.clear();
    m_modifiedOf.clear();
}

FilePage FileIndex::page(const std::optional<FileCursor> &after, qsizetype limit) const
{
    FilePage page;
    page.total = size();
    auto it = after ? m_order.upper_bound(*after) : m_order.cbegin();
    for (; it != m_order.cend() && page.files.size() < limit; ++it)
        page.files.append(storedFile(*it));
    if (it != m_order.cend() && !page.files.isEmpty())
        page.next = FileCursor{page.files.last().modified.toMSecsSinceEpoch(), page.files.last().name};
    return page;
}

void FileIndex::visitOldestFirst(const std::function<bool(const StoredFile &)> &visit) const
{
    for (auto it = m_order.crbegin(); it != m_order.crend(); ++it) {
        if (!visit(storedFile(*it)))
            return;
    }
}

StoredFile FileIndex::storedFile(const Order::value_type &entry) const
{
    StoredFile file;
    file.name = entry.first.name;
    file.path = m_directory % QLatin1Char('/') % file.name;   // one allocation (QStringBuilder), not two
    file.sizeBytes = entry.second;
    file.modified = QDateTime::fromMSecsSinceEpoch(entry.first.modifiedMs, Qt::UTC);
    file.trackType = FileStore::partOf(file.name);
    return file;
}

} // namespace aiband
