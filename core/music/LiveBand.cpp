#include "LiveBand.h"

#include "Generators.h"
#include "KeyDetection.h"
#include "MidiFile.h"
#include "PartRegistry.h"
#include "Style.h"

#include <algorithm>
#include <cmath>

namespace aiband {

LiveBand::LiveBand(LiveBandSettings settings)
    : m_settings(settings), m_chords(settings.meter, settings.style->phraseBars)
{
    // A live band never counts in, plays an intro or ends: the player decides.
    m_settings.feel.countInBars = 0;
    m_settings.feel.introBars = 0;
    m_settings.feel.ending = false;
}

double LiveBand::phraseLength() const
{
    return m_settings.style->phraseBars * m_settings.meter.beatsPerBar();
}

void LiveBand::hear(double beat, double playedFrom, const Chord &chord)
{
    m_chords.hear(beat, playedFrom, chord);
    // What the band plays may change from there on, predictions included.
    const double from = std::max(beat, playedFrom);
    const int first = static_cast<int>(std::floor(from / phraseLength()));
    keepBefore(first, from);
    m_phrases.erase(m_phrases.lower_bound(first), m_phrases.end());
    m_kept.erase(m_kept.upper_bound(first), m_kept.end());
}

void LiveBand::keepBefore(int index, double beat)
{
    Kept kept;
    kept.before = beat;
    const auto composed = m_phrases.find(index);
    const auto earlier = m_kept.find(index);
    if (composed == m_phrases.end() && earlier == m_kept.end())
        return;   // never asked for: nothing of it can have been sent
    if (earlier != m_kept.end())
        kept.parts = earlier->second.parts;
    if (composed != m_phrases.end()) {
        for (const auto &[part, events] : composed->second)
            kept.parts[part] = events;
    }
    for (auto &[part, events] : kept.parts)
        std::erase_if(events, [beat](const BandEvent &event) { return event.beat >= beat; });
    m_kept[index] = std::move(kept);
}

void LiveBand::setMeter(TimeSignature meter)
{
    if (meter == m_settings.meter)
        return;
    m_settings.meter = meter;
    m_chords = LiveChords(meter, m_settings.style->phraseBars);
    m_phrases.clear();
    m_kept.clear();
}

Key LiveBand::key() const
{
    if (m_settings.key)
        return *m_settings.key;
    if (m_chords.isEmpty())
        return Key{};
    const double start = m_chords.firstHeardBarStart();
    return detectKey(m_chords.between(start, std::max(m_chords.predictedFrom(), start + phraseLength())));
}

void LiveBand::forgetPhrasesBefore(double beat)
{
    const int keep = static_cast<int>(std::floor(beat / phraseLength()));
    m_phrases.erase(m_phrases.begin(), m_phrases.lower_bound(keep));
    m_kept.erase(m_kept.begin(), m_kept.lower_bound(keep));
}

const std::vector<BandEvent> &LiveBand::phrase(int index, TrackType part)
{
    auto &parts = m_phrases[index];
    auto found = parts.find(part.row());
    if (found == parts.end())
        found = parts.emplace(part.row(), compose(index, part)).first;
    return found->second;
}

// One phrase of one part, as the generators play a short song of the phrase's chords.
std::vector<BandEvent> LiveBand::compose(int index, TrackType part) const
{
    const double start = index * phraseLength();
    const double end = start + phraseLength();
    Arrangement arrangement;
    for (ChordEvent event : m_chords.between(start, end)) {
        event.startBeat -= start;
        arrangement.chords.append(event);
    }
    arrangement.tempoBpm = m_settings.tempoBpm;
    arrangement.timeSignature = m_settings.meter;
    arrangement.key = key();
    arrangement.durationBeats = phraseLength();
    // A phrase of its own each time round, the same one for the same chords.
    arrangement.seed = m_settings.seed ^ (0x9E3779B9u * static_cast<quint32>(index + 1));
    arrangement.parts = {part};
    arrangement.style = m_settings.style;
    arrangement.feel = m_settings.feel;

    const SongPlan plan = planSong(arrangement, m_settings.style->phraseBars);
    const PartRow &row = partRow(part);
    const MidiPart played = row.generate(arrangement, plan);
    std::vector<BandEvent> events;
    events.reserve(played.notes.size());
    for (const Note &note : played.notes) {
        const double beat = start + double(note.startTick) / kTicksPerQuarter;
        if (beat >= end)
            continue;
        const double duration = std::min(double(note.durationTicks) / kTicksPerQuarter, end - beat);
        events.push_back({beat, part, played.channel, note.pitch, note.velocity, duration});
    }
    const auto kept = m_kept.find(index);
    if (kept != m_kept.end()) {
        const auto before = kept->second.parts.find(part.row());
        std::erase_if(events, [&](const BandEvent &event) { return event.beat < kept->second.before; });
        if (before != kept->second.parts.end())
            events.insert(events.begin(), before->second.begin(), before->second.end());
    }
    std::stable_sort(events.begin(), events.end(), [](const BandEvent &a, const BandEvent &b) {
        return a.beat < b.beat || (a.beat == b.beat && a.pitch < b.pitch);
    });
    return events;
}

QList<BandEvent> LiveBand::events(double from, double to, const QList<TrackType> &parts)
{
    QList<BandEvent> found;
    if (to <= from)
        return found;
    const int first = static_cast<int>(std::floor(from / phraseLength()));
    const int last = static_cast<int>(std::ceil(to / phraseLength()));
    for (int index = std::max(0, first); index < last; ++index) {
        for (TrackType part : parts) {
            for (const BandEvent &event : phrase(index, part))
                if (event.beat >= from && event.beat < to)
                    found.append(event);
        }
    }
    std::stable_sort(found.begin(), found.end(), [](const BandEvent &a, const BandEvent &b) {
        return a.beat < b.beat;
    });
    return found;
}

} // namespace aiband
