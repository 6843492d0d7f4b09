// plugin_reader: reads Standard MIDI Files with JUCE's own juce::MidiFile the way the AI Band
// plugin does (docs/MUSIC.md, "Checked as the plugin reads it"), and prints what it would play.
//
// The plugin reads the file with MidiFile::readFrom (matching note-offs created), merges all
// tracks, drops every meta event but tempo, and times each track with a tempo map made of that
// track's own tempo events, starting at 120 BPM. So a part whose tempo sits only in another track
// (a format-1 conductor track) is played at 120 BPM.
//
// For each track with notes this prints its note count, the tick and the time in seconds of its
// last note-off, and its tempo events. The seconds are computed twice:
//   last_note_off_seconds      JUCE's MidiFile::convertTimestampTicksToSeconds on a MidiFile that
//                              holds this track alone (so only its own tempo events count; JUCE
//                              starts at 120 BPM like the plugin);
//   last_note_off_seconds_map  the plugin's tempo-map arithmetic (120 BPM at tick 0, then each of
//                              the track's tempo events in order), written out here.
// A caller can check that the two agree, i.e. that JUCE's conversion is the plugin's.
//
// Usage: plugin_reader FILE.mid...   JSON on stdout: {"files": [...]}.
// Exit status 1 with a message on stderr when a file is missing or JUCE cannot read it.

#include <juce_audio_basics/juce_audio_basics.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct TempoChange
{
    double tick;
    double secondsPerQuarter;
};

// The plugin's per-track tempo map: 120 BPM from tick 0, each tempo event of the track taking
// over from its tick on.
double secondsAtTick(double tick, const std::vector<TempoChange>& changes, int ticksPerQuarter)
{
    double seconds = 0.0;
    double fromTick = 0.0;
    double secondsPerQuarter = 0.5;
    for (const auto& change : changes) {
        if (change.tick > tick)
            break;
        seconds += (change.tick - fromTick) / ticksPerQuarter * secondsPerQuarter;
        fromTick = change.tick;
        secondsPerQuarter = change.secondsPerQuarter;
    }
    return seconds + (tick - fromTick) / ticksPerQuarter * secondsPerQuarter;
}

juce::var describeTrack(const juce::MidiMessageSequence& track, int index, int timeFormat)
{
    // The plugin falls back to 480 when the header's division is not ticks per quarter note.
    const int ticksPerQuarter = timeFormat > 0 ? timeFormat : 480;

    std::vector<TempoChange> changes;
    juce::Array<juce::var> tempos;
    juce::String name;
    int notes = 0;
    int lastOffIndex = -1;
    for (int i = 0; i < track.getNumEvents(); ++i) {
        const auto& message = track.getEventPointer(i)->message;
        if (message.isTempoMetaEvent()) {
            changes.push_back({message.getTimeStamp(), message.getTempoSecondsPerQuarterNote()});
            auto* tempo = new juce::DynamicObject();
            tempo->setProperty("tick", message.getTimeStamp());
            tempo->setProperty("bpm", 60.0 / message.getTempoSecondsPerQuarterNote());
            tempos.add(juce::var(tempo));
        } else if (message.isTrackNameEvent() && name.isEmpty()) {
            name = message.getTextFromTextMetaEvent();
        } else if (message.isNoteOn()) {
            ++notes;
        } else if (message.isNoteOff()) {  // a note-on with velocity 0 counts as a note-off
            if (lastOffIndex < 0 || message.getTimeStamp() >= track.getEventPointer(lastOffIndex)->message.getTimeStamp())
                lastOffIndex = i;
        }
    }
    if (notes == 0)
        return {};

    // This track alone in a file, its non-tempo meta events dropped as the plugin drops them:
    // JUCE's conversion then sees this track's tempo events and no other.
    juce::MidiFile alone;
    alone.setTicksPerQuarterNote(ticksPerQuarter);
    juce::MidiMessageSequence kept;
    for (int i = 0; i < track.getNumEvents(); ++i) {
        const auto& message = track.getEventPointer(i)->message;
        if (!message.isMetaEvent() || message.isTempoMetaEvent())
            kept.addEvent(message);
    }
    kept.updateMatchedPairs();
    alone.addTrack(kept);
    alone.convertTimestampTicksToSeconds();

    double lastOffTick = 0.0;
    if (lastOffIndex >= 0)
        lastOffTick = track.getEventPointer(lastOffIndex)->message.getTimeStamp();
    double lastOffSeconds = 0.0;
    const auto* converted = alone.getTrack(0);
    for (int i = 0; i < converted->getNumEvents(); ++i) {
        const auto& message = converted->getEventPointer(i)->message;
        if (message.isNoteOff())
            lastOffSeconds = std::max(lastOffSeconds, message.getTimeStamp());
    }

    auto* result = new juce::DynamicObject();
    result->setProperty("index", index);
    result->setProperty("name", name);
    result->setProperty("notes", notes);
    result->setProperty("last_note_off_tick", lastOffTick);
    result->setProperty("last_note_off_seconds", lastOffSeconds);
    result->setProperty("last_note_off_seconds_map", secondsAtTick(lastOffTick, changes, ticksPerQuarter));
    result->setProperty("tempos", tempos);
    return juce::var(result);
}

}  // namespace

int main(int argc, char* argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE.mid...\n", argv[0]);
        return 2;
    }
    juce::Array<juce::var> files;
    for (int arg = 1; arg < argc; ++arg) {
        const juce::File file = juce::File::getCurrentWorkingDirectory().getChildFile(juce::String::fromUTF8(argv[arg]));
        juce::FileInputStream stream(file);
        if (!stream.openedOk()) {
            std::fprintf(stderr, "plugin_reader: cannot open %s: %s\n", argv[arg], stream.getStatus().getErrorMessage().toRawUTF8());
            return 1;
        }
        juce::MidiFile midi;
        int format = -1;
        if (!midi.readFrom(stream, true, &format)) {
            std::fprintf(stderr, "plugin_reader: JUCE's MidiFile cannot read %s\n", argv[arg]);
            return 1;
        }
        juce::Array<juce::var> tracks;
        for (int t = 0; t < midi.getNumTracks(); ++t) {
            auto described = describeTrack(*midi.getTrack(t), t, midi.getTimeFormat());
            if (!described.isVoid())
                tracks.add(described);
        }
        auto* entry = new juce::DynamicObject();
        entry->setProperty("file", juce::String::fromUTF8(argv[arg]));
        entry->setProperty("format", format);
        entry->setProperty("time_format", midi.getTimeFormat());
        entry->setProperty("track_count", midi.getNumTracks());
        entry->setProperty("tracks", tracks);
        files.add(juce::var(entry));
    }
    auto* root = new juce::DynamicObject();
    root->setProperty("files", files);
    std::printf("%s\n", juce::JSON::toString(juce::var(root)).toRawUTF8());
    return 0;
}
