#include "TakeChords.h"

#include "GenerateRequest.h"
#include "RequestFields.h"

#include "files/TakesIndex.h"
#include "music/Key.h"

namespace aiband {
namespace {

// The feel fields the song plan reads, as the arrangement echo stored them.
Feel plannedFeel(const QJsonObject &feel)
{
    Feel planned;
    planned.countInBars = feel.value(QStringLiteral("count_in")).toInt();
    planned.introBars = feel.value(QStringLiteral("intro")).toInt();
    planned.ending = feel.value(QStringLiteral("ending")).toBool();
    planned.fills = feel.value(QStringLiteral("fills")).toBool(true);
    return planned;
}

} // namespace

Result<ChordTimeline> takeChordTimeline(const FileMetadata &metadata)
{
    const QJsonObject played = metadata.arrangement();
    Result<TimeSignature> meter = parseTimeSignature(played.value(QStringLiteral("time_signature")),
                                                     QStringLiteral("arrangement.time_signature"));
    if (!meter)
        return meter.error();
    const double duration = played.value(QStringLiteral("duration_beats")).toDouble();
    if (!(duration > 0.0))
        return fieldError(QStringLiteral("arrangement.duration_beats"),
                          QStringLiteral("%1's sidecar does not say how long the song is").arg(metadata.fileName));
    const Result<QJsonObject> progression = requestProgression(metadata.request);
    if (!progression)
        return progression.error();
    const Result<QList<ChordEvent>> chords = requestChords(*progression, meter->beatsPerBar());
    if (!chords)
        return chords.error();

    Arrangement arrangement;
    arrangement.timeSignature = *meter;
    arrangement.durationBeats = duration;
    arrangement.chords = loopProgression(*chords, duration);
    arrangement.feel = plannedFeel(played.value(QStringLiteral("feel")).toObject());
    // Only an ending over N.C. reads the key (its tonic becomes the final chord).
    if (Result<Key> key = parseKey(played.value(QStringLiteral("key")).toString()))
        arrangement.key = *key;

    arrangement.sections = requestSections(*progression, *chords, meter->beatsPerBar(), duration);
    return plannedChordTimeline(arrangement, *chords);
}

ChordTimeline chordTimelineOfFile(const QString &midiPath, const MidiSong &song)
{
    if (const std::optional<FileMetadata> metadata = TakesIndex::readBeside(midiPath)) {
        if (Result<ChordTimeline> planned = takeChordTimeline(*metadata))
            return *planned;
    }
    return detectedChordTimeline(song);
}

} // namespace aiband
