#include "Chord.h"

#include "ChordNaming.h"
#include "ChordScale.h"
#include "ChordSuffix.h"
#include "Theory.h"

#include <algorithm>
#include <array>

namespace aiband {
namespace {

bool isNoChord(const QString &text)
{
    // Upper-casing never shortens a text, and an ASCII letter other than n upper-cases to
    // something other than N: most symbols are told apart without building the upper-case copy.
    const QChar first = text.front();
    if (text.size() > 4 || (first.unicode() < 0x80 && first != QLatin1Char('n') && first != QLatin1Char('N')))
        return false;
    const QString upper = text.toUpper();
    return upper == QLatin1String("N.C.") || upper == QLatin1String("NC") || upper == QLatin1String("N.C");
}

// The note as written, with the music signs replaced by the ASCII ones: "C♯" -> "C#".
QString normalisedNoteName(QStringView written)
{
    QString name = written.toString();
    name.replace(QChar(0x266F), QLatin1Char('#'));
    name.replace(QChar(0x266D), QLatin1Char('b'));
    return name;
}

} // namespace

QList<int> Chord::pitchClasses() const
{
    QList<int> result;
    for (int interval : intervals)
        result.append((root + interval) % 12);
    return result;
}

QList<int> Chord::chordScale() const
{
    if (noChord)
        return {};
    QList<int> result;
    for (int interval : chordScaleIntervals(intervals))
        result.append((root + interval) % 12);
    return result;
}

bool Chord::hasInterval(int semitones) const
{
    const int wanted = pitchClassOf(semitones);
    return std::any_of(intervals.cbegin(), intervals.cend(),
                       [wanted](int interval) { return interval % 12 == wanted; });
}

QString Chord::canonical() const
{
    if (noChord)
        return QStringLiteral("N.C.");
    return rootName + quality + (bassName.isEmpty() ? QString() : QLatin1Char('/') + bassName);
}

std::optional<std::pair<int, int>> parseNoteName(QStringView text)
{
    static constexpr std::array<int, 7> kNaturals{9, 11, 0, 2, 4, 5, 7}; // A B C D E F G
    if (text.isEmpty())
        return std::nullopt;
    const QChar letter = text.front();
    if (letter < QLatin1Char('A') || letter > QLatin1Char('G'))
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
    return std::pair{pitchClassOf(pitchClass), length};
}

Result<Chord> parseChord(const QString &symbol)
{
    const QString text = symbol.trimmed();
    if (text.isEmpty())
        return makeError(QStringLiteral("unknown_chord"), QStringLiteral("chord symbol is empty"));

    Chord chord;
    chord.symbol = text;
    if (isNoChord(text)) {
        chord.noChord = true;
        return chord;
    }

    const auto root = parseNoteName(text);
    if (!root)
        return chordSymbolError(text, 0, QStringLiteral("\"%1\" is not a note name (A to G)").arg(text.front()));
    chord.root = root->first;
    chord.bass = chord.root;
    chord.rootName = normalisedNoteName(QStringView(text).left(root->second));

    qsizetype suffixEnd = text.size();
    const qsizetype slash = text.lastIndexOf(QLatin1Char('/'));
    // "6/9" and "m/maj7" are qualities, not slash chords: a slash counts only when a note follows.
    if (slash >= root->second) {
        const QStringView bassText = QStringView(text).mid(slash + 1);
        if (const auto bass = parseNoteName(bassText)) {
            if (bass->second != bassText.size())
                return chordSymbolError(text, slash + 1 + bass->second,
                                        QStringLiteral("unexpected text after the bass note"));
            chord.bass = bass->first;
            chord.bassName = normalisedNoteName(bassText);
            suffixEnd = slash;
        }
    }

    auto intervals = parseChordSuffix(text, root->second, suffixEnd);
    if (!intervals)
        return intervals.error();
    chord.intervals = std::move(intervals).value();
    chord.quality = canonicalQuality(chord.intervals);
    return chord;
}

QString pitchClassName(int pitchClass)
{
    static const std::array<const char *, 12> kNames{"C", "C#", "D", "Eb", "E", "F",
                                                     "F#", "G", "Ab", "A", "Bb", "B"};
    return QLatin1String(kNames[static_cast<size_t>(pitchClassOf(pitchClass))]);
}

} // namespace aiband
