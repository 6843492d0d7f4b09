#include "LiveChords.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace aiband {
namespace {

constexpr double kEpsilon = 1e-9;
// The forms a band learns, shortest first: a 12-bar blues is not taken for an 8-bar song.
constexpr std::array kFormBars{8, 12, 16};
// How far back a late chord is looked for when reading what sounds at a beat: a chord is
// played at most a couple of beats after it was played by the player, but a loop may send one
// much later, and then it never sounds (a later chord holds by then).
constexpr int kLateChordsLookedAt = 16;

Chord noChord()
{
    return *parseChord(QStringLiteral("N.C."));
}

int barOf(double beat, double barLength)
{
    return static_cast<int>(std::floor(beat / barLength + kEpsilon));
}

} // namespace

LiveChords::LiveChords(TimeSignature meter, int phraseBars) : m_meter(meter), m_phraseBars(std::max(1, phraseBars)) {}

void LiveChords::hear(double beat, double playedFrom, const Chord &chord)
{
    playPredictionsUntil(std::max(beat, playedFrom));
    m_heard[beat] = Heard{std::max(beat, playedFrom), chord};
    if (heardCount() > kMaxHeard)
        m_heard.erase(m_heard.begin());
    learn();
}

// The band played what it predicted up to a chord the player gives after a pause: those chords
// become part of what was heard, so the chord changes nothing before it sounds.
void LiveChords::playPredictionsUntil(double beat)
{
    if (m_heard.empty() || beat <= m_predictedFrom + kEpsilon)
        return;
    for (const ChordEvent &event : between(m_predictedFrom, beat))
        m_heard.try_emplace(event.startBeat, Heard{event.startBeat, event.chord});
}

const LiveChords::Heard *LiveChords::heardAt(double beat) const
{
    auto after = m_heard.upper_bound(beat + kEpsilon);
    if (after == m_heard.begin())
        return nullptr;
    return &std::prev(after)->second;
}

// The newest chord (by where the player put it) that the band has started playing by `beat`.
Chord LiveChords::playedAt(double beat) const
{
    auto it = m_heard.upper_bound(beat + kEpsilon);
    for (int looked = 0; it != m_heard.begin() && looked < kLateChordsLookedAt; ++looked) {
        --it;
        if (it->second.playedFrom <= beat + kEpsilon)
            return it->second.chord;
    }
    // Every chord before `beat` either came after it or is too far back to matter: the one the
    // player put last before it, or nothing.
    for (; it != m_heard.begin();) {
        --it;
        if (it->second.playedFrom <= beat + kEpsilon)
            return it->second.chord;
    }
    return noChord();
}

double LiveChords::sourceOf(double beat) const
{
    const double period = (m_formBars > 0 ? m_formBars : m_phraseBars) * barLength();
    const double back = (std::floor((beat - m_predictedFrom) / period + kEpsilon) + 1.0) * period;
    return std::max(beat - back, m_heard.begin()->first);
}

Chord LiveChords::at(double beat) const
{
    if (m_heard.empty())
        return noChord();
    if (beat < m_predictedFrom - kEpsilon)
        return playedAt(beat);
    const Heard *source = heardAt(sourceOf(beat));
    return source ? source->chord : noChord();
}

QList<ChordEvent> LiveChords::between(double from, double to) const
{
    QList<double> cuts{from};
    const auto cutAt = [&](double beat) {
        if (beat > from + kEpsilon && beat < to - kEpsilon)
            cuts.append(beat);
    };
    for (const auto &[beat, heard] : m_heard)
        if (heard.playedFrom < m_predictedFrom)
            cutAt(heard.playedFrom);
    if (!m_heard.empty() && to > m_predictedFrom) {
        cutAt(m_predictedFrom);
        const double period = (m_formBars > 0 ? m_formBars : m_phraseBars) * barLength();
        const double sourceStart = m_predictedFrom - period;
        for (double offset = std::max(0.0, std::floor((from - m_predictedFrom) / period)) * period;
             m_predictedFrom + offset < to; offset += period) {
            cutAt(m_predictedFrom + offset);
            for (auto it = m_heard.lower_bound(sourceStart); it != m_heard.end() && it->first < m_predictedFrom; ++it)
                cutAt(it->first + offset + period);
        }
    }
    std::sort(cuts.begin(), cuts.end());
    QList<ChordEvent> events;
    for (qsizetype i = 0; i < cuts.size(); ++i) {
        const double end = i + 1 < cuts.size() ? cuts[i + 1] : to;
        if (end - cuts[i] < kEpsilon)
            continue;
        const Chord chord = at(cuts[i]);
        if (!events.isEmpty() && events.last().chord.canonical() == chord.canonical())
            events.last().durationBeats = end - events.last().startBeat;
        else
            events.append({chord, cuts[i], end - cuts[i]});
    }
    return events;
}

double LiveChords::firstHeardBarStart() const
{
    if (m_heard.empty())
        return 0.0;
    return barOf(m_heard.begin()->first, barLength()) * barLength();
}

void LiveChords::forgetBefore(double beat)
{
    auto keep = m_heard.upper_bound(beat);
    if (keep != m_heard.begin())
        --keep;   // the chord sounding at `beat`
    m_heard.erase(m_heard.begin(), keep);
}

QList<Chord> LiveChords::barContent(int bar) const
{
    QList<Chord> content;
    for (int beat = 0; beat < static_cast<int>(std::ceil(barLength() - kEpsilon)); ++beat) {
        const Heard *heard = heardAt(bar * barLength() + beat);
        content.append(heard ? heard->chord : noChord());
    }
    return content;
}

// Whether the `period` bars before `lastBar` are the `period` bars before them again.
bool LiveChords::barsRepeat(int lastBar, int period) const
{
    const int firstBar = barOf(m_heard.begin()->first, barLength());
    if (lastBar - 2 * period < firstBar)
        return false;
    for (int bar = lastBar - period; bar < lastBar; ++bar) {
        const QList<Chord> now = barContent(bar);
        const QList<Chord> before = barContent(bar - period);
        for (qsizetype i = 0; i < now.size(); ++i)
            if (now[i].canonical() != before[i].canonical())
                return false;
    }
    return true;
}

// After each chord: has a form come round (compared on whole bars, the last chord's bar still
// being played), and from where does the band predict?
void LiveChords::learn()
{
    const double last = m_heard.rbegin()->first;
    const int lastBar = barOf(last, barLength());
    m_formBars = 0;
    for (int period : kFormBars) {
        if (barsRepeat(lastBar, period)) {
            m_formBars = period;
            break;
        }
    }
    int predictedBar = lastBar + 1;
    if (m_formBars == 0)
        predictedBar = (lastBar / m_phraseBars + 1) * m_phraseBars;   // the end of the last chord's phrase
    m_predictedFrom = predictedBar * barLength();
    // A chord played later than its beat must sound before the prediction takes over.
    auto it = m_heard.rbegin();
    for (int looked = 0; it != m_heard.rend() && looked < kLateChordsLookedAt; ++it, ++looked)
        while (it->second.playedFrom >= m_predictedFrom - kEpsilon)
            m_predictedFrom += barLength();
}

} // namespace aiband
