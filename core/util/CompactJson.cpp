#include "CompactJson.h"

#include <QCborValue>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

namespace aiband {
namespace {

// Written into a std::string: its push_back is inline, where QByteArray::append(char) is a call
// that checks for sharing and growth each time (most of this writer's output is single characters).
class CompactWriter {
public:
    explicit CompactWriter(std::string &out) : m_out(out) {}

    void object(const QJsonObject &object)
    {
        m_out.push_back('{');
        bool first = true;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!first)
                m_out.push_back(',');
            first = false;
            string(it.key());
            m_out.push_back(':');
            value(it.value());
        }
        m_out.push_back('}');
    }

    void array(const QJsonArray &array)
    {
        m_out.push_back('[');
        bool first = true;
        for (const QJsonValue &item : array) {
            if (!first)
                m_out.push_back(',');
            first = false;
            value(item);
        }
        m_out.push_back(']');
    }

    void value(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Bool:
            m_out.append(value.toBool() ? "true" : "false");
            return;
        case QJsonValue::Double:
            number(value);
            return;
        case QJsonValue::String:
            string(value.toString());
            return;
        case QJsonValue::Array:
            array(value.toArray());
            return;
        case QJsonValue::Object:
            object(value.toObject());
            return;
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            break;
        }
        m_out.append("null");
    }

    // A QJsonValue keeps whole numbers that fit as integers and prints them as such; every
    // other number as the shortest 'g' text that reads back the same, and no finite value as null.
    void number(const QJsonValue &value)
    {
        const QCborValue stored = QCborValue::fromJsonValue(value);
        if (stored.isInteger()) {
            char digits[24];   // QByteArray::number's decimal text, without its allocation
            const auto end = std::to_chars(digits, digits + sizeof digits, stored.toInteger()).ptr;
            m_out.append(digits, static_cast<size_t>(end - digits));
            return;
        }
        const double d = value.toDouble();
        if (std::isfinite(d))
            fraction(d);
        else
            m_out.append("null");
    }

    // A finite number that is not whole, as Qt writes it.
    void fraction(double d)
    {
        if (!decimal(d))
            append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
    }

    // A number with a fraction as Qt's 'g' shortest text writes it when that text has no
    // exponent, from the same shortest digits (std::to_chars, where Qt's formatting was about
    // 2,500 instructions a number and a take writes fifteen, callgrind). False, with nothing
    // written, for a number Qt writes with an exponent (below 0.001 or so): Qt writes those.
    // Qt's rule (QLocaleData::doubleToString, 'g'): with the point after `point` of `count`
    // digits, 0 < point < count is always decimal; point <= 0 is decimal while the 1 - point
    // zeros it adds before the digits are no more than the exponent's 4 characters (3 for one
    // digit).
    bool decimal(double d)
    {
        char scientific[32];   // "d.ddde-xx": the shortest digits that read back as d
        const auto written = std::to_chars(scientific, scientific + sizeof scientific, d, std::chars_format::scientific);
        if (written.ec != std::errc())
            return false;
        const std::string_view text(scientific, static_cast<size_t>(written.ptr - scientific));
        const size_t e = text.find('e');
        const bool negative = text.front() == '-';
        char digits[20];
        size_t count = 0;
        for (size_t i = negative ? 1 : 0; i < e; ++i) {
            if (text[i] != '.' && count < sizeof digits)
                digits[count++] = text[i];
        }
        int exponent = 0;
        std::from_chars(text.data() + e + 1 + (text[e + 1] == '+' ? 1 : 0), text.data() + text.size(), exponent);
        const int point = exponent + 1;
        const bool fraction = point < static_cast<int>(count);
        if (!fraction || (point <= 0 && 1 - point > (count == 1 ? 3 : 4)))
            return false;
        if (negative)
            m_out.push_back('-');
        if (point > 0) {
            m_out.append(digits, static_cast<size_t>(point));
            m_out.push_back('.');
            m_out.append(digits + point, count - static_cast<size_t>(point));
        } else {
            m_out.append("0.");
            m_out.append(static_cast<size_t>(-point), '0');
            m_out.append(digits, count);
        }
        return true;
    }

    // Qt's escaping: the quote, the backslash and the control characters (\b \f \n \r \t by
    // name, the others as \u00xx); everything else as UTF-8 (a lone surrogate as \uXXXX).
    void string(QStringView text)
    {
        m_out.push_back('"');
        const char16_t *begin = text.utf16();
        const char16_t *const end = begin + text.size();
        const char16_t *plain = begin;
        for (const char16_t *p = begin; p != end; ++p) {
            const char16_t c = *p;
            if (c >= 0x20 && c < 0x80 && c != u'"' && c != u'\\')
                continue;
            flushAscii(plain, p);
            if (c >= 0x80) {
                const char16_t *run = p;
                while (p != end && *p >= 0x80)
                    ++p;
                utf8(run, p);
                plain = p;
                --p;
                continue;
            }
            escape(c);
            plain = p + 1;
        }
        flushAscii(plain, end);
        m_out.push_back('"');
    }

private:
    // A run of plain ASCII, narrowed through a small buffer.
    void flushAscii(const char16_t *from, const char16_t *to)
    {
        char buffer[256];
        while (from != to) {
            const qsizetype count = std::min<qsizetype>(to - from, qsizetype(sizeof buffer));
            for (qsizetype i = 0; i < count; ++i)
                buffer[i] = static_cast<char>(from[i]);
            m_out.append(buffer, static_cast<size_t>(count));
            from += count;
        }
    }

    // Non-ASCII as UTF-8, and a lone surrogate (not UTF-16, so no UTF-8) as \uXXXX, as Qt does.
    void utf8(const char16_t *from, const char16_t *to)
    {
        const char16_t *run = from;
        for (const char16_t *p = from; p != to; ++p) {
            const bool pair = QChar::isHighSurrogate(*p) && p + 1 != to && QChar::isLowSurrogate(p[1]);
            if (pair) {
                ++p;
                continue;
            }
            if (!QChar::isSurrogate(*p))
                continue;
            append(QStringView(run, p).toUtf8());
            hexEscape(*p);
            run = p + 1;
        }
        append(QStringView(run, to).toUtf8());
    }

    void escape(char16_t c)
    {
        m_out.push_back('\\');
        switch (c) {
        case u'"': m_out.push_back('"'); return;
        case u'\\': m_out.push_back('\\'); return;
        case u'\b': m_out.push_back('b'); return;
        case u'\f': m_out.push_back('f'); return;
        case u'\n': m_out.push_back('n'); return;
        case u'\r': m_out.push_back('r'); return;
        case u'\t': m_out.push_back('t'); return;
        default: break;
        }
        m_out.pop_back();
        hexEscape(c);
    }

    void hexEscape(char16_t c)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        m_out.append("\\u");
        for (int shift = 12; shift >= 0; shift -= 4)
            m_out.push_back(kHex[(c >> shift) & 0xf]);
    }

    void append(const QByteArray &bytes) { m_out.append(bytes.constData(), static_cast<size_t>(bytes.size())); }

    std::string &m_out;
};

} // namespace

QByteArray compactJson(const QJsonObject &object)
{
    std::string out;
    out.reserve(1024);
    CompactWriter(out).object(object);
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

QByteArray compactJson(const QJsonArray &array)
{
    std::string out;
    CompactWriter(out).array(array);
    return QByteArray(out.data(), static_cast<qsizetype>(out.size()));
}

QByteArray compactArrayText(const QList<QByteArray> &values)
{
    qsizetype size = 2 + values.size();
    for (const QByteArray &value : values)
        size += value.size();
    QByteArray text;
    text.reserve(size);
    text.append('[');
    for (const QByteArray &value : values) {
        if (text.size() > 1)
            text.append(',');
        text.append(value);
    }
    text.append(']');
    return text;
}

// Room for a typical answer at once: grown from empty, GET /health's 330 bytes were made in five
// reallocations.
CompactObjectText::CompactObjectText()
{
    m_out.reserve(512);
    m_out.push_back('{');
}

void CompactObjectText::key(QLatin1String key)
{
    Q_ASSERT_X(m_lastKey.isNull() || m_lastKey < key, "CompactObjectText", "keys must come in ascending order");
    m_lastKey = key;
    const bool plain = std::all_of(key.begin(), key.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x80 && c != '"' && c != '\\';
    });
    if (!plain) {
        fieldName(QString(key));
        return;
    }
    // The keys are names like "files_count": nothing to escape, no QString needed.
    if (m_out.size() > 1)
        m_out.push_back(',');
    m_out.push_back('"');
    m_out.append(key.data(), static_cast<size_t>(key.size()));
    m_out.append("\":");
}

void CompactObjectText::fieldName(QStringView name)
{
    if (m_out.size() > 1)
        m_out.push_back(',');
    CompactWriter(m_out).string(name);
    m_out.push_back(':');
}

CompactObjectText &CompactObjectText::add(QLatin1String name, const QString &value)
{
    key(name);
    CompactWriter(m_out).string(value);
    return *this;
}

CompactObjectText &CompactObjectText::add(QLatin1String name, const QStringList &values)
{
    key(name);
    m_out.push_back('[');
    CompactWriter writer(m_out);
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            m_out.push_back(',');
        writer.string(values[i]);
    }
    m_out.push_back(']');
    return *this;
}

CompactObjectText &CompactObjectText::add(QLatin1String name, qint64 value)
{
    key(name);
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    m_out.append(digits, static_cast<size_t>(end - digits));
    return *this;
}

CompactObjectText &CompactObjectText::add(QLatin1String name, bool value)
{
    key(name);
    m_out.append(value ? "true" : "false");
    return *this;
}

CompactObjectText &CompactObjectText::add(QLatin1String name, double value)
{
    if (!std::isfinite(value) || value == std::trunc(value))
        return add(name, QJsonValue(value));   // whole numbers are written as integers, as Qt does
    key(name);
    CompactWriter(m_out).fraction(value);
    return *this;
}

CompactObjectText &CompactObjectText::add(QLatin1String name, const QJsonValue &value)
{
    key(name);
    CompactWriter(m_out).value(value);
    return *this;
}

CompactObjectText &CompactObjectText::addField(QStringView name, const QJsonValue &value)
{
    fieldName(name);
    CompactWriter(m_out).value(value);
    return *this;
}

CompactObjectText &CompactObjectText::addText(QLatin1String name, QByteArrayView json)
{
    key(name);
    m_out.append(json.data(), static_cast<size_t>(json.size()));
    return *this;
}

QByteArray JsonTextCache::textOf(const QJsonObject &object)
{
    for (const auto &[known, text] : m_texts) {
        if (known == object)
            return text;
    }
    m_texts.append({object, compactJson(object)});
    return m_texts.constLast().second;
}

QByteArray CompactObjectText::text() const
{
    QByteArray bytes;
    bytes.reserve(static_cast<qsizetype>(m_out.size()) + 1);   // the closing brace without a reallocation
    bytes.append(m_out.data(), static_cast<qsizetype>(m_out.size()));
    bytes.append('}');
    return bytes;
}

} // namespace aiband
