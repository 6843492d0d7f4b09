#include "JsonShape.h"

#include <QVarLengthArray>

namespace aiband {
namespace {

struct Level {
    bool isArray = false;
    bool expectKey = false;   // objects: the next string is a member name
    qsizetype items = 0;      // arrays: values so far (separators + 1)
    qsizetype keyStart = -1;  // objects: the member being read
    qsizetype keyLength = 0;
};

// "a.b[3].c" for where the scan stands; only built for an error.
QString pathOf(const QVarLengthArray<Level, 32> &levels, QByteArrayView json)
{
    QString path;
    for (const Level &level : levels) {
        if (level.isArray) {
            path += QStringLiteral("[%1]").arg(std::max<qsizetype>(0, level.items - 1));
        } else if (level.keyStart >= 0) {
            if (!path.isEmpty())
                path += QLatin1Char('.');
            path += QString::fromUtf8(json.sliced(level.keyStart, level.keyLength));
        }
    }
    return path;
}

} // namespace

std::optional<Error> checkJsonShape(QByteArrayView json, const JsonShapeLimits &limits)
{
    QVarLengthArray<Level, 32> levels;
    bool inString = false;
    bool stringIsKey = false;
    qsizetype stringStart = 0;
    const qsizetype size = json.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char c = json[i];
        if (inString) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                inString = false;
                if (stringIsKey) {
                    levels.back().keyStart = stringStart;
                    levels.back().keyLength = i - stringStart;
                }
            }
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            stringStart = i + 1;
            stringIsKey = !levels.isEmpty() && levels.back().expectKey;
            if (stringIsKey)
                levels.back().expectKey = false;
            else if (!levels.isEmpty() && levels.back().isArray && levels.back().items == 0)
                levels.back().items = 1;
            break;
        case '{':
        case '[': {
            if (!levels.isEmpty() && levels.back().isArray && levels.back().items == 0)
                levels.back().items = 1;
            if (levels.size() >= limits.maxDepth) {
                const QString where = pathOf(levels, json);
                return makeError(QStringLiteral("json_too_deep"),
                                 QStringLiteral("the JSON nests objects and arrays more than %1 deep%2")
                                     .arg(limits.maxDepth)
                                     .arg(where.isEmpty() ? QString() : QStringLiteral(" (at %1)").arg(where)),
                                 where);
            }
            Level level;
            level.isArray = c == '[';
            level.expectKey = c == '{';
            levels.append(level);
            break;
        }
        case '}':
        case ']':
            if (!levels.isEmpty())
                levels.removeLast();
            break;
        case ',':
            if (levels.isEmpty())
                break;
            if (levels.back().isArray) {
                if (++levels.back().items > limits.maxArrayItems) {
                    const QString where = pathOf(levels, json);
                    return makeError(QStringLiteral("array_too_long"),
                                     QStringLiteral("an array has more than %1 items%2").arg(limits.maxArrayItems)
                                         .arg(where.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(where.left(where.lastIndexOf(QLatin1Char('['))))),
                                     where.left(where.lastIndexOf(QLatin1Char('['))));
                }
            } else {
                levels.back().expectKey = true;
            }
            break;
        case ' ': case '\t': case '\r': case '\n': case ':':
            break;
        default:
            // The first character of a number, true, false or null.
            if (!levels.isEmpty() && levels.back().isArray && levels.back().items == 0)
                levels.back().items = 1;
            break;
        }
    }
    return std::nullopt;
}

} // namespace aiband
