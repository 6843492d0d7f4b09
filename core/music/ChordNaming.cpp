#include "ChordNaming.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <span>

// Naming works from the intervals alone, so every spelling of a chord gets the same name. It
// mirrors the grammar's rules in ChordSuffix.cpp: a number stacks naturals up to itself, an
// alteration replaces the natural of its degree, the 11 is stacked into a 13 chord only over a
// minor third. Whatever the number does not cover is spelled out as an alteration or "add".

namespace aiband {
namespace {

enum class Third { Major, Minor, Sus2, Sus4, None };

struct Degree {
    int natural;
    std::array<int, 2> altered;  // -1 where a degree has only one alteration
};

constexpr std::array<std::pair<int, const char *>, 6> kAlterations{{
    {6, "b5"}, {8, "#5"}, {13, "b9"}, {15, "#9"}, {18, "#11"}, {20, "b13"},
}};

class Namer {
public:
    explicit Namer(const QList<int> &intervals) : m_intervals(intervals) {}
    QString name();

private:
    bool has(int interval) const { return m_intervals.contains(interval); }
    bool hasAny(std::initializer_list<int> intervals) const;
    Third third() const;
    int seventh() const;
    bool isAlt() const;
    bool stackable(int number) const;
    int number() const;
    bool implied(int natural) const;
    QString head() const;
    QString numberText() const;
    QString alterations() const;
    QString additions() const;
    QString omissions() const;

    const QList<int> &m_intervals;
    Third m_third = Third::None;
    int m_seventh = 0;
    int m_number = 0;
    bool m_alt = false;
    bool m_power = false;
    bool m_dim = false;
    bool m_aug = false;
};

bool Namer::hasAny(std::initializer_list<int> intervals) const
{
    for (int interval : intervals) {
        if (has(interval))
            return true;
    }
    return false;
}

Third Namer::third() const
{
    if (has(4))
        return Third::Major;
    if (has(3))
        return Third::Minor;
    if (has(5))
        return Third::Sus4;
    return has(2) ? Third::Sus2 : Third::None;
}

int Namer::seventh() const
{
    if (has(10))
        return 10;
    if (has(11))
        return 11;
    // A 6 over a diminished triad is the diminished seventh.
    const bool diminishedTriad = m_third == Third::Minor && has(6) && !has(7) && !has(8);
    return diminishedTriad && has(9) ? 9 : 0;
}

bool Namer::isAlt() const
{
    return m_third == Third::Major && m_seventh == 10 && !has(7) && has(13) && has(15) && has(20);
}

// The degrees a number implies beyond the seventh. Constant tables: naming asks half a dozen
// times per chord, and building the lists each time was most of the work of reading a chord.
std::span<const Degree> impliedDegrees(int number, Third third)
{
    static constexpr Degree kNine{14, {13, 15}};
    static constexpr Degree kEleven{17, {18, -1}};
    static constexpr Degree kThirteen{21, {20, -1}};
    static constexpr Degree kNinth[]{kNine};
    static constexpr Degree kEleventh[]{kNine, kEleven};
    static constexpr Degree kMinorThirteenth[]{kNine, kEleven, kThirteen};
    static constexpr Degree kThirteenth[]{kNine, kThirteen};
    switch (number) {
    case 9: return kNinth;
    case 11: return kEleventh;
    case 13: return third == Third::Minor ? std::span<const Degree>(kMinorThirteenth) : std::span<const Degree>(kThirteenth);
    default: return {};
    }
}

// A number fits when its own natural is there and every degree it implies is there exactly
// once, natural or altered: "13b9" yes, "13" over a b13 no (the b13 would replace the 13).
bool Namer::stackable(int number) const
{
    const std::span<const Degree> degrees = impliedDegrees(number, m_third);
    for (size_t i = 0; i < degrees.size(); ++i) {
        const bool natural = has(degrees[i].natural);
        const bool altered = std::any_of(degrees[i].altered.cbegin(), degrees[i].altered.cend(),
                                         [this](int interval) { return interval >= 0 && has(interval); });
        const bool top = i + 1 == degrees.size();
        if (natural == altered || (top && !natural))
            return false;
    }
    return true;
}

int Namer::number() const
{
    if (m_seventh != 10 && m_seventh != 11)
        return 0;
    for (int number : {13, 11, 9}) {
        if (stackable(number))
            return number;
    }
    return 7;
}

bool Namer::implied(int natural) const
{
    for (const Degree &degree : impliedDegrees(m_number, m_third)) {
        if (degree.natural == natural)
            return true;
    }
    return false;
}

QString Namer::head() const
{
    if (m_power)
        return QStringLiteral("5");
    if (m_dim)
        return m_seventh == 9 ? QStringLiteral("dim7") : QStringLiteral("dim");
    if (m_aug)
        return QStringLiteral("aug");
    if (m_third == Third::Minor)
        return m_seventh == 11 ? QStringLiteral("mMaj") : QStringLiteral("m");
    return m_seventh == 11 ? QStringLiteral("maj") : QString();
}

QString Namer::numberText() const
{
    if (m_seventh == 10 || m_seventh == 11)
        return QString::number(m_number);
    if (m_seventh == 0 && has(9))
        return has(14) ? QStringLiteral("6/9") : QStringLiteral("6");
    return {};
}

QString Namer::alterations() const
{
    QString text;
    for (const auto &[semitones, name] : kAlterations) {
        const bool inHead = (m_dim && semitones == 6) || (m_aug && semitones == 8);
        const bool inAlt = m_alt && (semitones == 13 || semitones == 15 || semitones == 20);
        if (has(semitones) && !inHead && !inAlt)
            text += QLatin1String(name);
    }
    return text;
}

QString Namer::additions() const
{
    QString text;
    if (has(2) && m_third != Third::Sus2)
        text += QStringLiteral("add2");
    if (has(5) && m_third != Third::Sus4)
        text += QStringLiteral("add4");
    if (has(9) && (m_seventh == 10 || m_seventh == 11))
        text += QStringLiteral("add6");
    const bool sixNine = m_seventh == 0 && has(9);
    if (has(14) && !implied(14) && !sixNine)
        text += QStringLiteral("add9");
    if (has(17) && !implied(17))
        text += QStringLiteral("add11");
    if (has(21) && !implied(21))
        text += QStringLiteral("add13");
    return text;
}

QString Namer::omissions() const
{
    QString text;
    if (m_third == Third::None && !m_power)
        text += QStringLiteral("no3");
    if (!hasAny({6, 7, 8}) && !m_alt)
        text += QStringLiteral("no5");
    return text;
}

QString Namer::name()
{
    m_third = third();
    m_seventh = seventh();
    m_alt = isAlt();
    m_number = number();
    const bool triad = m_seventh == 0 && !has(9);
    m_power = m_third == Third::None && triad && has(7);
    m_dim = m_third == Third::Minor && has(6) && !hasAny({7, 8}) && (triad || m_seventh == 9);
    m_aug = m_third == Third::Major && has(8) && !hasAny({6, 7}) && triad;

    QString text = head() + numberText();
    if (m_third == Third::Sus4 || m_third == Third::Sus2)
        text += m_third == Third::Sus4 ? QStringLiteral("sus4") : QStringLiteral("sus2");
    if (m_alt)
        text += QStringLiteral("alt");
    // Right after the root a "b" or "#" would be read as the root's accidental: "C(b5)", not "Cb5".
    const QString altered = alterations();
    text += text.isEmpty() && !altered.isEmpty() ? QLatin1Char('(') + altered + QLatin1Char(')') : altered;
    return text + additions() + omissions();
}

} // namespace

QString canonicalQuality(const QList<int> &intervals)
{
    return Namer(intervals).name();
}

} // namespace aiband
