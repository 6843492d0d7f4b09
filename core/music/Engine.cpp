#include "Engine.h"

#include "Generators.h"
#include "MidiFile.h"
#include "PartRegistry.h"
#include "Style.h"

namespace aiband {
namespace {

MidiSong songShell(const Arrangement &arrangement, const SongPlan &plan, const QString &title)
{
    MidiSong song;
    song.title = QStringLiteral("AI Band Orchestrator - %1 (%2)").arg(title, arrangement.style->title);
    song.tempoBpm = arrangement.tempoBpm;
    song.timeSignature = arrangement.timeSignature;
    song.key = arrangement.key;
    song.endTick = beatsToTicks(plan.endBeat);
    return song;
}

} // namespace

RenderedSong renderSong(const Arrangement &arrangement)
{
    RenderedSong rendered;
    rendered.plan = planSong(arrangement, arrangement.style->phraseBars);
    const SongPlan &plan = rendered.plan;
    for (TrackType type : arrangement.parts) {
        const PartRow &row = partRow(type);
        MidiSong song = songShell(arrangement, plan, QString::fromLatin1(row.midiName));
        int noteCount = 0;
        // Each part depends only on the arrangement, so a part in "full" is the same as alone.
        for (const PartRow *member : partsInFile(row)) {
            song.parts.push_back(member->generate(arrangement, plan));
            // The part's volume and pan, the same alone and in the full file.
            song.parts.back().mix = partMix(*arrangement.style, typeOf(*member));
            noteCount += static_cast<int>(song.parts.back().notes.size());
        }
        rendered.parts.append({type, writeMidiFile(song), noteCount});
    }
    return rendered;
}

} // namespace aiband
