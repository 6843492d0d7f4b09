#include "SongPlan.h"

#include "Style.h"

#include <algorithm>
#include <cmath>

namespace aiband {

namespace {

constexpr double kEpsilon = 1e-9;

// Where a chord sounds: [first, last) in beats, with the tolerance chordAt has always used.
double soundsFrom(const ChordEvent &event)
{
    return chordSoundsFrom(event);
}

double soundsUntil(const ChordEvent &event)
{
    return chordSoundsUntil(event);
}

// Whether the chords start in order, each ends no later than the next one starts (so at most
// one sounds at a beat) and none has a negative length. Then the one a scan would find first is
// the last that starts at or before the beat.
bool inOrder(const QList<ChordEvent> &chords)
{
    for (qsizetype i = 0; i < chords.size(); ++i) {
        if (soundsUntil(chords[i]) < soundsFrom(chords[i]))
            return false;
        if (i + 1 < chords.size()
            && (chords[i].startBeat > chords[i + 1].startBeat || soundsUntil(chords[i]) > soundsFrom(chords[i + 1])))
            return false;
    }
    return true;
}

// The song bar each section starts in (the first always starts one), and for each a groove:
// sections of the same name play the same one, names alternating A and B in order of appearance.
struct SectionStart {
    int bar = 0;
    int groove = 0;
};

QList<SectionStart> sectionStarts(const QList<SheetSection> &sections, double barLength, int songBars)
{
    QList<SectionStart> starts{{0, 0}};
    QStringList names;
    for (const SheetSection &section : sections) {
        const int bar = static_cast<int>(std::floor(section.startBeat / barLength + kEpsilon));
        if (bar >= songBars)
            break;
        if (!names.contains(section.name))
            names.append(section.name);
        const int groove = static_cast<int>(names.indexOf(section.name)) % 2;
        if (bar == starts.last().bar)
            starts.last().groove = groove;  // a marker on the first bar names it
        else if (bar > starts.last().bar)
            starts.append({bar, groove});
    }
    return starts;
}

// Each song bar's place in the form: phrases of `phraseBars` counted from each section's start.
// Without markers the phrases alternate the grooves, so a long song is not one loop.
QList<FormPosition> formPositions(const QList<SheetSection> &sections, double barLength, int songBars, int phraseBars)
{
    const QList<SectionStart> starts = sectionStarts(sections, barLength, songBars);
    const bool named = !sections.isEmpty();
    QList<FormPosition> form;
    form.reserve(songBars);
    int phrase = -1;
    for (qsizetype s = 0; s < starts.size(); ++s) {
        const int end = s + 1 < starts.size() ? starts[s + 1].bar : songBars;
        for (int bar = starts[s].bar; bar < end; ++bar) {
            FormPosition position;
            position.section = static_cast<int>(s);
            position.barInPhrase = (bar - starts[s].bar) % phraseBars;
            if (position.barInPhrase == 0)
                ++phrase;
            position.phrase = phrase;
            // A phrase cut short by the next section ends there (and fills there); the song's
            // end does not shorten its last phrase.
            const bool another = s + 1 < starts.size();
            position.phraseBars = another ? std::min(phraseBars, end - (bar - position.barInPhrase)) : phraseBars;
            position.groove = named ? starts[s].groove : phrase % 2;
            position.sectionEnd = bar == end - 1;
            form.append(position);
        }
    }
    return form;
}

// Where a drummer plays a full fill: before another section, and inside a long section every
// `every` bars, at a phrase's end. Filling every phrase was the formula issue 13 heard; the other
// phrase ends get at most a pickup, which the drums choose. Short sections that alternate (a
// 4-bar verse and chorus) are filled every other change, as a drummer would: a section shorter
// than `every` bars whose predecessor ended with a fill ends with a pickup.
bool fullFillAt(const FormPosition &form, int barInSection, int every, bool lastSectionFilled)
{
    const int period = std::max(1, every);
    if (form.sectionEnd)
        return barInSection + 1 >= period || !lastSectionFilled;
    return form.phraseEnd() && (barInSection + 1) % period == 0;
}

} // namespace

const ChordEvent *SongPlan::chordAt(double beat) const
{
    if (chordsInOrder) {
        // Every event is looked up: a scan made long songs quadratic.
        const auto after = std::upper_bound(chords.cbegin(), chords.cend(), beat, [](double b, const ChordEvent &event) {
            return b < soundsFrom(event);
        });
        if (after == chords.cbegin() || !(beat < soundsUntil(*(after - 1))))
            return nullptr;
        return &*(after - 1);
    }
    for (const ChordEvent &event : chords) {
        if (beat >= soundsFrom(event) && beat < soundsUntil(event))
            return &event;
    }
    return nullptr;
}

const ChordEvent *ChordCursor::advance(double beat)
{
    const QList<ChordEvent> &chords = m_plan.chords;
    if (!m_plan.chordsInOrder || beat < m_lastBeat)
        return m_plan.chordAt(beat);
    // As chordAt: the last chord that starts at or before the beat, if it still sounds.
    while (m_next < chords.size() && !(beat < soundsFrom(chords[m_next])))
        ++m_next;
    m_lastBeat = beat;
    if (m_next == 0 || !(beat < soundsUntil(chords[m_next - 1])))
        return nullptr;
    return &chords[m_next - 1];
}

SongPlan planSong(const Arrangement &arrangement, int phraseBars)
{
    SongPlan plan;
    const Feel &feel = arrangement.feel;
    const double barLength = arrangement.timeSignature.beatsPerBar();
    double beat = 0.0;
    int index = 0;
    const auto addBar = [&](BarKind kind, double length) {
        plan.bars.append({index++, beat, length, kind, false, false, {}});
        beat += length;
    };

    for (int i = 0; i < feel.countInBars; ++i)
        addBar(BarKind::CountIn, barLength);
    for (int i = 0; i < feel.introBars; ++i)
        addBar(BarKind::Intro, barLength);
    if (feel.introBars > 0 && feel.fills)
        plan.bars.last().fill = true;

    plan.musicStartBeat = beat;
    const int songBars = static_cast<int>(std::ceil(arrangement.durationBeats / barLength - kEpsilon));
    // Every bar and chord at once: a list grown one by one is copied each time it fills up.
    plan.bars.reserve(plan.bars.size() + std::max(0, songBars) + 1);
    plan.chords.reserve(arrangement.chords.size() + 1);
    const QList<FormPosition> form = formPositions(arrangement.sections, barLength, songBars, std::max(1, phraseBars));
    const int fillEvery = arrangement.style ? arrangement.style->fills.every : 8;
    int barInSection = 0;
    bool lastSectionFilled = false;
    for (int i = 0; i < songBars; ++i) {
        const double length = std::min(barLength, arrangement.durationBeats - i * barLength);
        addBar(BarKind::Song, length);
        PlannedBar &bar = plan.bars.last();
        bar.form = form[i];
        bar.sectionStart = i == 0 || form[i].section != form[i - 1].section;
        barInSection = bar.sectionStart ? 0 : barInSection + 1;
        bar.fill = feel.fills && length == barLength && i + 1 < songBars
                   && fullFillAt(bar.form, barInSection, fillEvery, lastSectionFilled);
        if (bar.form.sectionEnd)
            lastSectionFilled = bar.fill;
        // The song's first bar, and the bar a full fill leads into (so every section that follows
        // a fill, and no other).
        bar.crash = i == 0 || plan.bars.at(plan.bars.size() - 2).fill;
    }
    for (const ChordEvent &event : arrangement.chords) {
        ChordEvent moved = event;
        moved.startBeat += plan.musicStartBeat;
        plan.chords.append(moved);
    }

    if (feel.ending && songBars > 0) {
        if (feel.fills && plan.bars.last().lengthBeats == barLength)
            plan.bars.last().fill = true;
        // The last chord that is a chord; the key's tonic when the song ends in N.C.
        ChordEvent final;
        for (auto it = arrangement.chords.crbegin(); it != arrangement.chords.crend(); ++it) {
            if (!it->chord.noChord) {
                final.chord = it->chord;
                break;
            }
        }
        if (final.chord.intervals.isEmpty()) {
            final.chord = *parseChord(pitchClassName(arrangement.key.tonic)
                                      + (arrangement.key.minor ? QStringLiteral("m") : QString()));
        }
        final.startBeat = beat;
        final.durationBeats = barLength;
        plan.chords.append(final);
        addBar(BarKind::Ending, barLength);
        plan.bars.last().sectionStart = true;
        plan.bars.last().crash = true;
    }
    plan.endBeat = beat;
    plan.chordsInOrder = inOrder(plan.chords);
    return plan;
}

QString barKindName(BarKind kind)
{
    switch (kind) {
    case BarKind::CountIn: return QStringLiteral("count_in");
    case BarKind::Intro: return QStringLiteral("intro");
    case BarKind::Song: return QStringLiteral("song");
    case BarKind::Ending: return QStringLiteral("ending");
    }
    return {};
}

} // namespace aiband
