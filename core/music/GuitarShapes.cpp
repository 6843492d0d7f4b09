#include "GuitarShapes.h"

#include "Theory.h"

#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

// Open strings ring in shapes whose fretted notes are all at or below this fret (the open
// position): higher up, an open string among fretted ones is a stretch players avoid.
constexpr int kOpenPositionReach = 4;

// What a voicing asks of a shape, and what its cost counts.
struct VoicingRules {
    int minStrings;
    int maxStrings;
    int lowestString;      // strings below it are never played (triads live on D G B E)
    int innerMutes;        // muted strings allowed between sounding ones (jazz shells skip one)
    int softWanted;        // GuitarTones::wanted, from the first, whose absence costs most
    double idealStrings;
    double perString;      // cost per string fewer or more than the ideal
    double wrongBass;      // cost of a lowest note other than GuitarTones::bass
    double perOpenString;  // negative: open strings welcome
    double perStringUp;    // cost per string between the low E and the shape's lowest string
    double centrePitch;    // where the voicing sounds best (the mean of its pitches) ...
    double perSemitone;    // ... and the cost per semitone away from it
};

VoicingRules rulesFor(GuitarVoicing voicing)
{
    switch (voicing) {
    case GuitarVoicing::Open: return {3, 6, 0, 0, 4, 6.0, 0.7, 4.0, -0.4, 0.0, 55.0, 0.06};
    case GuitarVoicing::Triad: return {3, 4, 2, 0, 3, 3.0, 0.3, 0.5, 0.5, 0.0, 64.0, 0.05};
    case GuitarVoicing::Shell: return {3, 4, 0, 1, 3, 4.0, 0.4, 0.5, 0.5, 0.0, 57.0, 0.12};
    case GuitarVoicing::Power: return {3, 4, 0, 0, 2, 3.0, 1.0, 8.0, 0.0, 0.5, 50.0, 0.03};
    }
    return {3, 6, 0, 0, 4, 6.0, 0.7, 4.0, -0.4, 0.0, 55.0, 0.06};
}

// How much an interval of the chord matters to its sound on a guitar: 0 most.
int importance(int interval, bool hasThird)
{
    switch (interval) {
    case 3: case 4: return 0;                         // the third
    case 2: case 5: return hasThird ? 4 : 0;          // a sus chord's second or fourth; else a colour
    case 9: case 10: case 11: return 1;               // the sixth or seventh
    case 6: case 8: return 2;                         // an altered fifth
    case 13: case 15: case 18: case 20: return 3;     // alterations
    case 21: return 4;                                // the thirteenth names its chord ...
    case 14: return 5;                                // ... more than the ninth
    case 0: return 7;                                 // the bass has the root
    case 7: return 8;                                 // the fifth goes first
    default: return 6;                                // the eleventh
    }
}

QList<int> wantedClasses(const Chord &chord)
{
    const bool hasThird = chord.intervals.contains(3) || chord.intervals.contains(4);
    QList<int> intervals = chord.intervals;
    std::stable_sort(intervals.begin(), intervals.end(),
                     [&](int a, int b) { return importance(a, hasThird) < importance(b, hasThird); });
    QList<int> classes;
    for (int interval : intervals) {
        const int pitchClass = pitchClassOf(chord.root + interval);
        if (!classes.contains(pitchClass))
            classes.append(pitchClass);
    }
    return classes;
}

// A power chord: the root and the chord's fifth.
QList<int> powerClasses(const Chord &chord)
{
    const int fifth = fifthClassOf(chord);
    return fifth == chord.root ? QList<int>{chord.root} : QList<int>{chord.root, fifth};
}

class ShapeSearch {
public:
    ShapeSearch(const GuitarTones &tones, const VoicingRules &rules) : m_tones(tones), m_rules(rules) {}

    std::vector<ShapeCandidate> run()
    {
        for (m_base = 1; m_base + kHandSpan <= kHighestFret; ++m_base)
            extend(0, 0);
        return std::move(m_found);
    }

private:
    void extend(int string, int sounding)
    {
        if (sounding > m_rules.maxStrings)
            return;
        if (string == kGuitarStrings) {
            consider();
            return;
        }
        m_shape.frets[string] = kMuted;
        extend(string + 1, sounding);
        if (string < m_rules.lowestString)
            return;
        for (int fret : fretsFor(string)) {
            m_shape.frets[string] = fret;
            extend(string + 1, sounding + 1);
        }
        m_shape.frets[string] = kMuted;
    }

    // The frets of `string` within the hand's window that sound an allowed tone.
    QVarLengthArray<int, kHandSpan + 2> fretsFor(int string) const
    {
        QVarLengthArray<int, kHandSpan + 2> frets;
        const int open = kStandardTuning[string];
        if (m_base <= kOpenPositionReach && m_tones.allows(pitchClassOf(open)))
            frets.append(0);
        for (int fret = m_base; fret <= m_base + kHandSpan; ++fret) {
            if (m_tones.allows(pitchClassOf(open + fret)) && open + fret <= kGuitarHighest)
                frets.append(fret);
        }
        return frets;
    }

    double meanPitch() const
    {
        double sum = 0.0;
        for (int string = 0; string < kGuitarStrings; ++string)
            sum += m_shape.sounds(string) ? m_shape.pitch(string) : 0;
        return sum / m_shape.soundingCount();
    }

    bool soundsClass(int pitchClass) const
    {
        for (int string = 0; string < kGuitarStrings; ++string) {
            if (m_shape.sounds(string) && pitchClassOf(m_shape.pitch(string)) == pitchClass)
                return true;
        }
        return false;
    }

    // Each shape is found once: in the window that starts at its lowest fretted note (open
    // shapes in the first).
    bool belongsToThisWindow() const
    {
        const int position = m_shape.position();
        return position == m_base || (position == 0 && m_base == 1);
    }

    bool opensInOpenPosition() const
    {
        const bool opens = std::find(m_shape.frets.cbegin(), m_shape.frets.cend(), 0) != m_shape.frets.cend();
        return !opens || *std::max_element(m_shape.frets.cbegin(), m_shape.frets.cend()) <= kOpenPositionReach;
    }

    void consider()
    {
        const int count = m_shape.soundingCount();
        if (count < m_rules.minStrings || !belongsToThisWindow() || !opensInOpenPosition())
            return;
        for (int i = 0; i < m_tones.hardWanted; ++i) {
            if (!soundsClass(m_tones.wanted[i]))
                return;
        }
        if (isPlayable(m_shape, m_rules.innerMutes))
            m_found.push_back({m_shape, cost()});
    }

    double cost() const
    {
        const int count = m_shape.soundingCount();
        double total = std::abs(count - m_rules.idealStrings) * m_rules.perString;
        if (pitchClassOf(m_shape.lowestPitch()) != m_tones.bass)
            total += m_rules.wrongBass;
        for (qsizetype i = 0; i < m_tones.wanted.size(); ++i) {
            if (!soundsClass(m_tones.wanted[i]))
                total += i < m_rules.softWanted ? 2.5 : 0.2;
        }
        const auto opens = std::count(m_shape.frets.cbegin(), m_shape.frets.cend(), 0);
        total += static_cast<double>(opens) * m_rules.perOpenString;
        total += m_shape.lowestString() * m_rules.perStringUp;
        total += std::abs(meanPitch() - m_rules.centrePitch) * m_rules.perSemitone;
        const int fretted = count - static_cast<int>(opens);
        const int fingers = fingersNeeded(m_shape);
        total += 0.3 * std::max(0, fingers - 2) + (fingers < fretted ? 0.8 : 0.0);  // a barre
        const int innerMutes = m_shape.highestString() - m_shape.lowestString() + 1 - count;
        return total + innerMutes * 1.0;
    }

    const GuitarTones &m_tones;
    const VoicingRules &m_rules;
    int m_base = 1;
    GuitarShape m_shape;
    std::vector<ShapeCandidate> m_found;
};

} // namespace

int fifthClassOf(const Chord &chord)
{
    for (int interval : {7, 6, 8, 4, 3, 5, 2}) {
        if (chord.intervals.contains(interval))
            return pitchClassOf(chord.root + interval);
    }
    return chord.root;
}

GuitarTones guitarTones(const Chord &chord, GuitarVoicing voicing)
{
    GuitarTones tones;
    tones.wanted = voicing == GuitarVoicing::Power ? powerClasses(chord) : wantedClasses(chord);
    for (int pitchClass : tones.wanted)
        tones.allowed |= 1u << pitchClass;
    tones.hardWanted = voicing == GuitarVoicing::Power ? static_cast<int>(tones.wanted.size())
                                                       : std::min<int>(2, static_cast<int>(tones.wanted.size()));
    tones.bass = tones.allows(chord.bass) && voicing != GuitarVoicing::Power ? chord.bass : chord.root;
    return tones;
}

std::vector<ShapeCandidate> guitarShapes(const Chord &chord, GuitarVoicing voicing)
{
    if (chord.noChord || chord.intervals.isEmpty())
        return {};
    // A voicing too narrow for the chord (a minor-third dyad has no three adjacent strings within
    // four frets) gives way to shells, which may skip a string, and they to open chords.
    for (GuitarVoicing tried : {voicing, GuitarVoicing::Shell, GuitarVoicing::Open}) {
        const GuitarTones tones = guitarTones(chord, tried);
        const VoicingRules rules = rulesFor(tried);
        std::vector<ShapeCandidate> shapes = ShapeSearch(tones, rules).run();
        if (!shapes.empty())
            return shapes;
    }
    return {};
}

} // namespace aiband
