"""Standard MIDI Files written with mido for the Python tests: notes in beats in, file bytes out.
Written here once, so every test that plays something to the server writes it the same way."""

import io

import mido


def track_of(events):
    """A track from (tick, order, message) at absolute ticks: sorted by tick, then `order` (note-offs
    before note-ons at one tick), with delta times."""
    track, now = mido.MidiTrack(), 0
    for tick, _, message in sorted(events, key=lambda e: (e[0], e[1])):
        track.append(message.copy(time=tick - now))
        now = tick
    return track


def note_events(notes, ticks_per_beat, channel=0):
    """(start, duration, pitch, velocity) in beats -> note-on and note-off events for track_of."""
    events = []
    for start, duration, pitch, velocity in notes:
        events.append((round(start * ticks_per_beat), 1,
                       mido.Message("note_on", channel=channel, note=pitch, velocity=velocity)))
        events.append((round((start + duration) * ticks_per_beat), 0,
                       mido.Message("note_off", channel=channel, note=pitch, velocity=0)))
    return events


def midi_bytes(parts, tempo_bpm=120, numerator=4, ticks_per_beat=480):
    """A format-1 file: a conductor track (tempo, time signature), then one track per
    (channel, notes) part, as another program would write it."""
    song = mido.MidiFile(type=1, ticks_per_beat=ticks_per_beat)
    song.tracks.append(mido.MidiTrack([mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(tempo_bpm)),
                                       mido.MetaMessage("time_signature", numerator=numerator, denominator=4)]))
    for channel, notes in parts:
        song.tracks.append(track_of(note_events(notes, ticks_per_beat, channel)))
    out = io.BytesIO()
    song.save(file=out)
    return out.getvalue()
