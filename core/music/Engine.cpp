#include "Engine.h"

#include "Generators.h"
#include "MidiFile.h"

namespace aiband {

QList<RenderedPart> renderArrangement(const Arrangement &arrangement)
{
    QList<RenderedPart> rendered;
    for (TrackType type : arrangement.parts) {
        // Each part has its own generator seeded from the request seed and the part, so adding
        // a part to a request does not change the others.
        Random random(arrangement.seed ^ (0x9E3779B9u * (static_cast<quint32>(type) + 1)));
        MidiPart part;
        switch (type) {
        case TrackType::Bass: part = generateBass(arrangement, random); break;
        case TrackType::Drums: part = generateDrums(arrangement, random); break;
        case TrackType::Keys: part = generateKeys(arrangement, random); break;
        }
        MidiSong song;
        song.title = QStringLiteral("AI Band Orchestrator - %1").arg(part.name);
        song.tempoBpm = arrangement.tempoBpm;
        song.timeSignature = arrangement.timeSignature;
        song.key = arrangement.key;
        song.endTick = beatsToTicks(arrangement.durationBeats);
        const int noteCount = static_cast<int>(part.notes.size());
        song.parts.push_back(std::move(part));
        rendered.append({type, writeMidiFile(song), noteCount});
    }
    return rendered;
}

} // namespace aiband
