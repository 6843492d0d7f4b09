#include "Engine.h"

#include "Generators.h"
#include "MidiFile.h"
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

MidiPart generate(TrackType type, const Arrangement &arrangement, const SongPlan &plan)
{
    switch (type) {
    case TrackType::Bass: return generateBass(arrangement, plan);
    case TrackType::Drums: return generateDrums(arrangement, plan);
    case TrackType::Keys: return generateKeys(arrangement, plan);
    case TrackType::Full: break;
    }
    return {};
}

} // namespace

RenderedSong renderSong(const Arrangement &arrangement)
{
    RenderedSong rendered;
    rendered.plan = planSong(arrangement, arrangement.style->phraseBars);
    const SongPlan &plan = rendered.plan;
    for (TrackType type : arrangement.parts) {
        const QList<TrackType> members = type == TrackType::Full
            ? QList<TrackType>{TrackType::Bass, TrackType::Drums, TrackType::Keys}
            : QList<TrackType>{type};
        QString title = type == TrackType::Full ? QStringLiteral("band") : trackTypeName(type);
        title[0] = title[0].toUpper();
        MidiSong song = songShell(arrangement, plan, title);
        int noteCount = 0;
        // Each part depends only on the arrangement, so a part in "full" is the same as alone.
        for (TrackType member : members) {
            song.parts.push_back(generate(member, arrangement, plan));
            noteCount += static_cast<int>(song.parts.back().notes.size());
        }
        rendered.parts.append({type, writeMidiFile(song), noteCount});
    }
    return rendered;
}

} // namespace aiband
