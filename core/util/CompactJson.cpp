#include "CompactJson.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

class CompactWriter {
public:
    explicit CompactWriter(QByteArray &out) : m_out(out) {}

    bool object(const QJsonObject &object)
    {
        m_out.append('{');
        bool first = true;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!first)
                m_out.append(',');
            first = false;
            if (!string(it.key()))
                return false;
            m_out.append(':');
            if (!value(it.value()))
                return false;
        }
        m_out.append('}');
        return true;
    }

private:
    bool array(const QJsonArray &array)
    {
        m_out.append('[');
        bool first = true;
        for (const QJsonValue &item : array) {
            if (!first)
                m_out.append(',');
            first = false;
            if (!value(item))
                return false;
        }
        m_out.append(']');
        return true;
    }

    bool value(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Bool:
            m_out.append(value.toBool() ? "true" : "false");
            return true;
        case QJsonValue::Double:
            number(value);
            return true;
        case QJsonValue::String:
            return string(value.toString());
        case QJsonValue::Array:
            return array(value.toArray());
        case QJsonValue::Object:
            return object(value.toObject());
        case QJsonValue::Null:
        case QJsonValue::Undefined:
            break;
        }
        m_out.append("null");
        return true;
    }

    // A QJsonValue keeps whole numbers that fit as integers and prints them as such; every
    // other number as the shortest 'g' text that reads back the same, and no finite value as null.
    void number(const QJsonValue &value)
    {
        const QCborValue stored = QCborValue::fromJsonValue(value);
        if (stored.isInteger()) {
            m_out.append(QByteArray::number(stored.toInteger()));
            return;
        }
        const double d = value.toDouble();
        if (std::isfinite(d))
            m_out.append(QByteArray::number(d, 'g', QLocale::FloatingPointShortest));
        else
            m_out.append("null");
    }

    // Qt's escaping: the quote, the backslash and the control characters (\b \f \n \r \t by
    // name, the others as \u00xx); everything else as UTF-8. False for a lone surrogate.
    bool string(QStringView text)
    {
        m_out.append('"');
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
                if (!utf8(run, p))
                    return false;
                plain = p;
                --p;
                continue;
            }
            escape(c);
            plain = p + 1;
        }
        flushAscii(plain, end);
        m_out.append('"');
        return true;
    }

    // A run of plain ASCII, narrowed through a small buffer.
    void flushAscii(const char16_t *from, const char16_t *to)
    {
        char buffer[256];
        while (from != to) {
            const qsizetype count = std::min<qsizetype>(to - from, qsizetype(sizeof buffer));
            for (qsizetype i = 0; i < count; ++i)
                buffer[i] = static_cast<char>(from[i]);
            m_out.append(buffer, count);
            from += count;
        }
    }

    bool utf8(const char16_t *from, const char16_t *to)
    {
        for (const char16_t *p = from; p != to; ++p) {
            if (QChar::isLowSurrogate(*p))
                return false;
            if (QChar::isHighSurrogate(*p) && (p + 1 == to || !QChar::isLowSurrogate(p[1])))
                return false;
            if (QChar::isHighSurrogate(*p))
                ++p;
        }
        m_out.append(QStringView(from, to).toUtf8());
        return true;
    }

    void escape(char16_t c)
    {
        m_out.append('\\');
        switch (c) {
        case u'"': m_out.append('"'); return;
        case u'\\': m_out.append('\\'); return;
        case u'\b': m_out.append('b'); return;
        case u'\f': m_out.append('f'); return;
        case u'\n': m_out.append('n'); return;
        case u'\r': m_out.append('r'); return;
        case u'\t': m_out.append('t'); return;
        default: break;
        }
        static constexpr char kHex[] = "0123456789abcdef";
        m_out.append("u00");
        m_out.append(kHex[(c >> 4) & 0xf]);
        m_out.append(kHex[c & 0xf]);
    }

    QByteArray &m_out;
};

} // namespace

QByteArray compactJson(const QJsonObject &object)
{
    QByteArray out;
    out.reserve(1024);
    if (CompactWriter(out).object(object))
        return out;
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace aiband
