#include "ChordTimeline.h"

#include "ChordDetection.h"
#include "SongPlan.h"

#include <algorithm>
#include <cmath>

namespace aiband {
namespace {

constexpr double kEpsilon = 1e-9;

// A chord repeated in a row is one chord of the progression ("C | % | F" reads "C F").
QStringList condensed(const QList<TimedChord> &chords)
{
    QStringList symbols;
    for (const TimedChord &chord : chords) {
        if (symbols.isEmpty() || symbols.last() != chord.symbol)
            symbols.append(chord.symbol);
    }
    return symbols;
}

TimedChord timed(const ChordEvent &event)
{
    return {chartSymbol(event.chord), event.startBeat, event.durationBeats};
}

// The plan's own parts: the first bar of the count-in, of the intro and the ending.
void addPlannedSections(const SongPlan &plan, QList<TimedSection> &sections)
{
    BarKind previous = BarKind::Song;
    bool first = true;
    for (const PlannedBar &bar : plan.bars) {
        if ((first || bar.kind != previous) && bar.kind != BarKind::Song) {
            const auto kind = bar.kind == BarKind::CountIn ? TimedSection::Kind::CountIn
                              : bar.kind == BarKind::Intro ? TimedSection::Kind::Intro
                                                           : TimedSection::Kind::Ending;
            sections.append({kind, {}, bar.startBeat});
        }
        previous = bar.kind;
        first = false;
    }
}

} // namespace

QString chartSymbol(const Chord &chord)
{
    if (chord.noChord)
        return QStringLiteral("N.C.");
    return chord.symbol.isEmpty() ? chord.canonical() : chord.symbol;
}

ChordTimeline plannedChordTimeline(const Arrangement &arrangement, const QList<ChordEvent> &progression)
{
    ChordTimeline timeline;
    // Phrases only place fills and crashes; the chords do not depend on them.
    const SongPlan plan = planSong(arrangement, 4);
    for (const ChordEvent &event : plan.chords)
        timeline.chords.append(timed(event));

    QList<TimedChord> once;
    for (const ChordEvent &event : progression)
        once.append(timed(event));
    timeline.progression = condensed(once);

    addPlannedSections(plan, timeline.sections);
    for (const SheetSection &section : arrangement.sections)
        timeline.sections.append({TimedSection::Kind::Named, section.name, plan.musicStartBeat + section.startBeat});
    std::stable_sort(timeline.sections.begin(), timeline.sections.end(),
                     [](const TimedSection &a, const TimedSection &b) { return a.startBeat < b.startBeat - kEpsilon; });
    return timeline;
}

ChordTimeline detectedChordTimeline(const MidiSong &song)
{
    const std::vector<PlayedNote> notes = pitchedNotes(song, kMaxDetectedNotes);
    ChordTimeline timeline;
    timeline.detected = true;
    if (notes.empty() || notes.size() > kMaxDetectedNotes)
        return timeline;
    ChordDetectionOptions options;
    options.meter = song.timeSignature;
    const ChordDetection detection = detectChords(notes, options);
    for (const DetectedChord &found : detection.chords) {
        if (found.event.chord.noChord)
            continue;
        // Beats read as one chord come back as one.
        if (!timeline.chords.isEmpty() && timeline.chords.last().symbol == chartSymbol(found.event.chord)
            && std::abs(timeline.chords.last().startBeat + timeline.chords.last().durationBeats - found.event.startBeat) < kEpsilon) {
            timeline.chords.last().durationBeats += found.event.durationBeats;
            continue;
        }
        timeline.chords.append(timed(found.event));
    }
    timeline.progression = condensed(timeline.chords);
    return timeline;
}

} // namespace aiband
