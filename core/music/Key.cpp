#include "Key.h"

#include "Theory.h"

#include <array>

namespace aiband {

QString Key::name() const
{
    // Spell with the accidental the key signature uses.
    static const std::array<const char *, 12> kMajor{"C", "Db", "D", "Eb", "E", "F",
                                                     "F#", "G", "Ab", "A", "Bb", "B"};
    static const std::array<const char *, 12> kMinor{"C", "C#", "D", "Eb", "E", "F",
                                                     "F#", "G", "G#", "A", "Bb", "B"};
    const auto index = static_cast<size_t>(tonic);
    return minor ? QLatin1String(kMinor[index]) + QLatin1Char('m') : QString::fromLatin1(kMajor[index]);
}

QString Key::spelledOut() const
{
    QString tonicName = name();
    if (minor)
        tonicName.chop(1);
    return tonicName + (minor ? QStringLiteral(" minor") : QStringLiteral(" major"));
}

QString Key::fileNameToken() const
{
    return name().replace(QLatin1Char('#'), QLatin1Char('s'));
}

QString Key::nameFromFileNameToken(const QString &token)
{
    // Only the accidental after the letter can be an 's'.
    QString name = token;
    if (name.size() > 1 && name.at(1) == QLatin1Char('s'))
        name[1] = QLatin1Char('#');
    return name;
}

int Key::sharps() const
{
    // Position on the circle of fifths of the relative major.
    static const std::array<int, 12> kMajorSharps{0, -5, 2, -3, 4, -1, 6, 1, -4, 3, -2, 5};
    const int major = minor ? (tonic + 3) % 12 : tonic;
    return kMajorSharps[static_cast<size_t>(major)];
}

QString Key::noteName(int pitchClass) const
{
    static const std::array<const char *, 12> kSharps{"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    static const std::array<const char *, 12> kFlats{"C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"};
    const auto index = static_cast<size_t>(pitchClassOf(pitchClass));
    const int signature = sharps();
    if (signature == 0)
        return pitchClassName(pitchClass);
    return QLatin1String(signature > 0 ? kSharps[index] : kFlats[index]);
}

Result<Key> parseKey(const QString &text)
{
    const QString trimmed = text.trimmed();
    QString normalized = trimmed;
    if (!normalized.isEmpty())
        normalized[0] = normalized[0].toUpper();
    const auto note = parseNoteName(normalized);
    if (!note)
        return makeError(QStringLiteral("invalid_key"),
                         QStringLiteral("key \"%1\" does not start with a note name (A to G)").arg(trimmed),
                         QStringLiteral("key"));
    Key key{note->first, false};
    const QString mode = normalized.mid(note->second).trimmed().toLower();
    if (mode == QLatin1String("m") || mode == QLatin1String("min") || mode == QLatin1String("minor"))
        key.minor = true;
    else if (!mode.isEmpty() && mode != QLatin1String("maj") && mode != QLatin1String("major"))
        return makeError(QStringLiteral("invalid_key"),
                         QStringLiteral("key \"%1\": expected major or minor after the note, got \"%2\"")
                             .arg(trimmed, mode),
                         QStringLiteral("key"));
    return key;
}

} // namespace aiband
