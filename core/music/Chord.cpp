#include "Chord.h"

#include <array>
#include <utility>

namespace aiband {
namespace {

struct Quality {
    const char16_t *suffix;
    std::initializer_list<int> intervals;
};

// Longest suffixes first is not needed: a suffix must match the whole rest of the symbol.
const std::array<Quality, 33> kQualities{{
    {u"", {0, 4, 7}},
    {u"maj", {0, 4, 7}},
    {u"M", {0, 4, 7}},
    {u"m", {0, 3, 7}},
    {u"min", {0, 3, 7}},
    {u"-", {0, 3, 7}},
    {u"dim", {0, 3, 6}},
    {u"°", {0, 3, 6}},
    {u"aug", {0, 4, 8}},
    {u"+", {0, 4, 8}},
    {u"sus2", {0, 2, 7}},
    {u"sus4", {0, 5, 7}},
    {u"sus", {0, 5, 7}},
    {u"5", {0, 7}},
    {u"6", {0, 4, 7, 9}},
    {u"m6", {0, 3, 7, 9}},
    {u"7", {0, 4, 7, 10}},
    {u"maj7", {0, 4, 7, 11}},
    {u"M7", {0, 4, 7, 11}},
    {u"Δ", {0, 4, 7, 11}},
    {u"m7", {0, 3, 7, 10}},
    {u"min7", {0, 3, 7, 10}},
    {u"-7", {0, 3, 7, 10}},
    {u"m7b5", {0, 3, 6, 10}},
    {u"ø", {0, 3, 6, 10}},
    {u"dim7", {0, 3, 6, 9}},
    {u"°7", {0, 3, 6, 9}},
    {u"7sus4", {0, 5, 7, 10}},
    {u"9", {0, 4, 7, 10, 14}},
    {u"maj9", {0, 4, 7, 11, 14}},
    {u"m9", {0, 3, 7, 10, 14}},
    {u"add9", {0, 4, 7, 14}},
    {u"mmaj7", {0, 3, 7, 11}},
}};

Error chordError(const QString &symbol, int position, const QString &why)
{
    return makeError(QStringLiteral("unknown_chord"),
                     QStringLiteral("chord \"%1\" cannot be read at character %2: %3")
                         .arg(symbol).arg(position + 1).arg(why));
}

} // namespace

QList<int> Chord::pitchClasses() const
{
    QList<int> result;
    for (int interval : intervals)
        result.append((root + interval) % 12);
    return result;
}

std::optional<std::pair<int, int>> parseNoteName(QStringView text)
{
    static constexpr std::array<int, 7> kNaturals{9, 11, 0, 2, 4, 5, 7}; // A B C D E F G
    if (text.isEmpty())
        return std::nullopt;
    const QChar letter = text.front().toUpper();
    if (letter < QLatin1Char('A') || letter > QLatin1Char('G') || text.front().isLower())
        return std::nullopt;
    int pitchClass = kNaturals[static_cast<size_t>(letter.unicode() - u'A')];
    int length = 1;
    while (length < text.size()) {
        const QChar c = text[length];
        if (c == QLatin1Char('#') || c == QChar(0x266F))
            ++pitchClass;
        else if (c == QLatin1Char('b') || c == QChar(0x266D))
            --pitchClass;
        else
            break;
        ++length;
    }
    return std::pair{((pitchClass % 12) + 12) % 12, length};
}

Result<Chord> parseChord(const QString &symbol)
{
    const QString text = symbol.trimmed();
    if (text.isEmpty())
        return makeError(QStringLiteral("unknown_chord"), QStringLiteral("chord symbol is empty"));

    Chord chord;
    chord.symbol = text;
    const QString upper = text.toUpper();
    if (upper == QLatin1String("N.C.") || upper == QLatin1String("NC") || upper == QLatin1String("N.C")) {
        chord.noChord = true;
        return chord;
    }

    const auto root = parseNoteName(text);
    if (!root)
        return chordError(text, 0, QStringLiteral("\"%1\" is not a note name (A to G)").arg(text.front()));
    chord.root = root->first;
    chord.bass = chord.root;

    QStringView rest = QStringView(text).mid(root->second);
    const qsizetype slash = rest.lastIndexOf(QLatin1Char('/'));
    // "6/9" is a quality, not a slash chord: a slash counts only when a note name follows it.
    if (slash >= 0 && slash + 1 < rest.size() && parseNoteName(rest.mid(slash + 1))) {
        const QStringView bassText = rest.mid(slash + 1);
        const auto bass = parseNoteName(bassText);
        if (bass->second != bassText.size())
            return chordError(text, root->second + int(slash) + 1 + bass->second,
                              QStringLiteral("unexpected text after the bass note"));
        chord.bass = bass->first;
        rest = rest.left(slash);
    }

    for (const Quality &quality : kQualities) {
        if (rest == QStringView(quality.suffix)) {
            chord.intervals = QList<int>(quality.intervals);
            return chord;
        }
    }
    return chordError(text, root->second,
                      QStringLiteral("unknown chord quality \"%1\"").arg(rest.toString()));
}

QString pitchClassName(int pitchClass)
{
    static const std::array<const char *, 12> kNames{"C", "C#", "D", "Eb", "E", "F",
                                                     "F#", "G", "Ab", "A", "Bb", "B"};
    return QLatin1String(kNames[static_cast<size_t>(((pitchClass % 12) + 12) % 12)]);
}

} // namespace aiband
