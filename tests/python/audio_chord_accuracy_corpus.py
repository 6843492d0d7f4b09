"""The audio corpus with known answers for audio_chord_accuracy.py (docs/MUSIC.md, "Chords from
audio: how well it hears"): progressions written as MIDI with mido, played by a strummed or picked
guitar, a piano, an organ or a band, rendered by the fluidsynth command with Debian's General MIDI
soundfont, then smeared (sox's reverb) or noised (numpy) as a condition asks.

Everything is generated from a seed at run time; nothing is fetched. The answers come from the
writing, not from listening: the chord of every beat, the beat times from the tempo map, the key.
"""

import io
import os
import subprocess
import wave

import mido
import numpy as np

from midi_tools import note_events, track_of

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
RATE = 44100
TICKS = 480
NAMES = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
INTERVALS = {"": (0, 4, 7), "m": (0, 3, 7), "7": (0, 4, 7, 10), "maj7": (0, 4, 7, 11), "m7": (0, 3, 7, 10),
             "dim": (0, 3, 6), "aug": (0, 4, 8), "sus4": (0, 5, 7)}
# (name, chords one a bar, key): every quality of the vocabulary and N.C. bars, six keys.
PROGRESSIONS = [
    ("pop", "E B C#m A E B A E", "E"),
    ("jazz ii-V-I", "Dm7 G7 Cmaj7 Cmaj7 Em7 A7 Dm7 G7", "C"),
    ("blues", "A7 D7 A7 A7 D7 D7 A7 A7 E7 D7 A7 E7", "A"),
    ("minor", "Am Dm Bdim E7 Am F Dm E7", "Am"),
    ("colours", "Bb Bbaug Eb Cm Fsus4 F7 Bb N.C.", "Bb"),
    ("minor sevenths", "Em7 Cmaj7 Am7 B7 Em7 N.C. Am7 B7", "Em"),
]
PLAYERS = ["nylon strummed", "steel strummed", "nylon picked", "steel picked", "piano", "organ", "band"]
SOLO = PLAYERS[:5]   # what the 95 % floor is for: solo guitar and piano
CONDITIONS = ["clean", "tempo drift", "reverb", "noise 20 dB", "all three"]
GUITAR_STRINGS = [40, 45, 50, 55, 59, 64]   # E2 A2 D3 G3 B3 E4
PROGRAMS = {"nylon": 24, "steel": 25, "piano": 0, "organ": 16, "bass": 33, "keys": 4}


# ---- chords ----------------------------------------------------------------------------------------

def parse(symbol):
    """(root pitch class, suffix without a slash bass), or None for N.C."""
    if symbol.upper().startswith("N"):
        return None
    root, rest = NAMES[symbol[0]], symbol[1:]
    while rest[:1] in ("#", "b") and not rest.startswith("b5"):
        root += 1 if rest[0] == "#" else -1
        rest = rest[1:]
    return root % 12, rest.split("/")[0]


def pitch_classes(symbol):
    root, suffix = parse(symbol)
    return [(root + i) % 12 for i in INTERVALS[suffix]]


def guitar_voicing(symbol):
    """Pitches as a guitarist fingers the chord within five frets: the root on the lowest string
    that has it low in the neck, then on each higher string a chord tone, the missing ones first."""
    tones = pitch_classes(symbol)
    root = tones[0]
    for string, open_pitch in enumerate(GUITAR_STRINGS[:2]):
        fret = (root - open_pitch) % 12
        if fret <= 5 or string == 1:
            break
    low = max(0, fret - 1)
    pitches, missing = [open_pitch + fret], list(tones[1:])
    for open_pitch in GUITAR_STRINGS[string + 1:]:
        choices = [open_pitch + f for f in range(0, low + 5) if (open_pitch + f) % 12 in tones
                   and (f == 0 or f >= low) and open_pitch + f not in pitches]
        if not choices:
            continue
        wanted = [p for p in choices if p % 12 in missing]
        pitch = min(wanted or choices)
        if pitch % 12 in missing:
            missing.remove(pitch % 12)
        pitches.append(pitch)
    return pitches


def close_voicing(symbol, rng, low):
    """The chord's tones close together from about `low` up, in a random inversion."""
    notes = sorted(pitch_classes(symbol))
    inversion = int(rng.integers(len(notes)))
    notes = notes[inversion:] + [n + 12 for n in notes[:inversion]]
    base = low + ((notes[0] - low) % 12)
    return [base + n - notes[0] for n in notes]


# ---- a song: the tempo map and the parts ---------------------------------------------------------

class Song:
    """One progression played once: its parts in beats, its tempo per beat, its answers."""

    def __init__(self, progression, player, condition, seed):
        self.name, chords, self.key = progression
        self.player, self.condition = player, condition
        self.rng = np.random.default_rng(seed)
        self.chords = chords.split()
        self.beats = 4 * len(self.chords)
        self.bpm = float(self.rng.uniform(80, 132))
        drift = condition in ("tempo drift", "all three")
        self.tempo = self._wandering_tempo() if drift else [self.bpm] * self.beats
        self.parts = {}   # channel -> (program, [(start, duration, pitch, velocity)])
        self.damped = set()   # channels whose strings are stopped where the chord changes

    def _wandering_tempo(self):
        """A tempo that wanders within ±3 % of the song's, a little every beat."""
        offset, tempo = 0.0, []
        for _ in range(self.beats):
            offset = float(np.clip(offset + self.rng.uniform(-0.01, 0.01), -0.03, 0.03))
            tempo.append(self.bpm * (1 + offset))
        return tempo

    def beat_times(self):
        """Seconds at which each beat starts, and where the last one ends."""
        return np.concatenate([[0.0], np.cumsum([60.0 / t for t in self.tempo])])

    def truth(self):
        """The chord of every beat, as written."""
        return [self.chords[beat // 4] for beat in range(self.beats)]

    def seconds_to_beats(self, seconds, at_beat):
        return seconds * self.tempo[min(int(at_beat), self.beats - 1)] / 60.0

    def _damping(self, channel):
        """All Sound Off just before each chord change and N.C. bar: a guitarist's fretting hand
        lifting stops the strings, where the soundfont's steel guitar would ring on for seconds
        after its note-off (an N.C. bar read -30 dB, not silence)."""
        changes = [bar for bar in range(1, len(self.chords)) if self.chords[bar] != self.chords[bar - 1]]
        return [(round((bar * 4 - 0.02) * TICKS), 0, mido.Message("control_change", channel=channel, control=120, value=0))
                for bar in changes]

    def midi(self):
        song = mido.MidiFile(type=1, ticks_per_beat=TICKS)
        conductor = [(0, 0, mido.MetaMessage("time_signature", numerator=4, denominator=4))]
        conductor += [(beat * TICKS, 0, mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(bpm)))
                      for beat, bpm in enumerate(self.tempo)]
        song.tracks.append(track_of(conductor))
        for channel, (program, notes) in self.parts.items():
            events = [(0, 0, mido.Message("program_change", channel=channel, program=program))]
            events += [(tick, order + 1, message) for tick, order, message in note_events(notes, TICKS, channel)]
            if channel in self.damped:
                events += self._damping(channel)
            song.tracks.append(track_of(events))
        out = io.BytesIO()
        song.save(file=out)
        return out.getvalue()


def velocity(rng, low, high):
    return int(rng.integers(low, high + 1))


def strum(song, channel, program):
    """Down and up strokes (D . D U . U D U in eighths), each string a little after the one before
    (10-30 ms), the up strokes on the four highest strings; a stroke stops the one before."""
    rng, notes = song.rng, []
    pattern = [(0.0, "down"), (1.0, "down"), (1.5, "up"), (2.5, "up"), (3.0, "down"), (3.5, "up")]
    for bar, symbol in enumerate(song.chords):
        if parse(symbol) is None:
            continue
        pitches = guitar_voicing(symbol)
        for i, (at, stroke) in enumerate(pattern):
            start = bar * 4 + at
            end = bar * 4 + (pattern[i + 1][0] if i + 1 < len(pattern) else 4.0)
            order = pitches if stroke == "down" else pitches[::-1][:4]
            loud = (85, 110) if stroke == "down" else (60, 85)
            delay = 0.0
            for pitch in order:
                notes.append((start + delay, end - start - delay, pitch, velocity(rng, *loud)))
                delay += song.seconds_to_beats(rng.uniform(0.010, 0.030), start)
    song.parts[channel] = (program, notes)
    song.damped.add(channel)


def pick(song, channel, program):
    """Fingerpicked eighths, Travis style: the thumb on every beat, the root on 1 and 3 and the
    fifth (or the next string's note) on 2 and 4, the fingers on the other strings between, those
    with the third or seventh first (so they sound twice), the top string pinched with the root
    on the one: each string of the chord sounds in the bar, and rings until the bar ends."""
    rng, notes = song.rng, []
    for bar, symbol in enumerate(song.chords):
        if parse(symbol) is None:
            continue
        pitches = guitar_voicing(symbol)
        top = len(pitches) - 1
        fifth = (pitch_classes(symbol)[0] + 7) % 12
        alternate = next((i for i in (1, 2) if pitches[i] % 12 == fifth), 1)
        thumb = [0, alternate, 0, alternate]
        colours = set(pitch_classes(symbol)[1:]) - {fifth}   # the third, the seventh: what names it
        upper = sorted((i for i in range(1, top) if i != alternate), key=lambda i: pitches[i] % 12 not in colours)
        fingers = ((upper or [top]) * 4)[:4]
        plucks = [(0.0, top, (70, 90))]   # the pinch
        for beat in range(4):
            plucks.append((beat, thumb[beat], (80, 100)))
            plucks.append((beat + 0.5, fingers[beat], (55, 80)))
        for at, string, loud in plucks:
            start = max(0.0, bar * 4 + at + rng.uniform(-0.01, 0.01))
            notes.append((start, bar * 4 + 4 - start, pitches[string], velocity(rng, *loud)))
    song.parts[channel] = (program, notes)
    song.damped.add(channel)


def comp_rhythm(rng):
    """A chord on every beat, one or two of them pushed an eighth early, as a pop accompaniment
    plays: (start, duration) in beats."""
    starts = [0.0, 1.0, 2.0, 3.0]
    for beat in rng.choice([1, 2, 3], size=int(rng.integers(0, 3)), replace=False):
        starts[beat] -= 0.5
    return [(s, (starts[i + 1] if i + 1 < len(starts) else 4.0) - s) for i, s in enumerate(starts)]


def piano(song, channel, program, with_bass=True):
    """The left hand on the root and the fifth, the right hand comping in random inversions."""
    rng, notes = song.rng, []
    for bar, symbol in enumerate(song.chords):
        if parse(symbol) is None:
            continue
        tones = pitch_classes(symbol)
        if with_bass:
            notes.append((bar * 4, 2.0, 36 + tones[0], velocity(rng, 75, 95)))
            notes.append((bar * 4 + 2, 2.0, 36 + tones[0] + (tones[2] - tones[0]) % 12, velocity(rng, 70, 90)))
        hand = close_voicing(symbol, rng, low=int(rng.integers(55, 62)))
        for start, length in comp_rhythm(rng):
            notes += [(bar * 4 + start, length * 0.9, p, velocity(rng, 60, 90)) for p in hand]
    song.parts[channel] = (program, notes)


def organ(song, channel, program):
    """A held chord a bar long, legato into the next, over a pedal walking root, root, fifth,
    root on the beats (an organ's bar has no attack of its own to hear the beats by)."""
    rng, notes = song.rng, []
    for bar, symbol in enumerate(song.chords):
        if parse(symbol) is None:
            continue
        tones = pitch_classes(symbol)
        root, fifth = 36 + tones[0], 36 + tones[0] + (tones[2] - tones[0]) % 12
        notes += [(bar * 4 + beat, 0.8, pitch, 85) for beat, pitch in enumerate([root, root, fifth, root])]
        notes += [(bar * 4, 4.0, p, 75) for p in close_voicing(symbol, rng, low=int(rng.integers(53, 60)))]
    song.parts[channel] = (program, notes)


def band(song):
    """Bass on the roots (root, root, fifth, approach), drums on channel 10 all the way (they go on
    through the N.C. bars), and keys or a strummed guitar comping."""
    rng, bass, drums = song.rng, [], []
    for bar, symbol in enumerate(song.chords):
        for beat in range(4):
            at = bar * 4 + beat
            drums.append((at, 0.25, 36 if beat in (0, 2) else 38, velocity(rng, 85, 110)))
            drums += [(at + half, 0.25, 42, velocity(rng, 50, 75)) for half in (0.0, 0.5)]
        if parse(symbol) is None:
            continue
        tones = pitch_classes(symbol)
        root = 28 + (tones[0] - 4) % 12   # E1 up to D#2
        fifth = root + (tones[2] - tones[0]) % 12
        for beat, pitch in enumerate([root, root, fifth, root + 12 if rng.random() < 0.5 else fifth]):
            bass.append((bar * 4 + beat, 0.9, pitch, velocity(rng, 85, 105)))
    drums.append((0.0, 1.0, 49, 100))
    song.parts[1] = (PROGRAMS["bass"], bass)
    song.parts[9] = (0, drums)
    if song.rng.random() < 0.5:
        piano(song, 2, PROGRAMS["keys"], with_bass=False)
    else:
        strum(song, 2, PROGRAMS["steel"])


def play(song):
    kind = song.player
    if kind.endswith("strummed"):
        strum(song, 0, PROGRAMS[kind.split()[0]])
    elif kind.endswith("picked"):
        pick(song, 0, PROGRAMS[kind.split()[0]])
    elif kind == "piano":
        piano(song, 0, PROGRAMS["piano"])
    elif kind == "organ":
        organ(song, 0, PROGRAMS["organ"])
    else:
        band(song)


# ---- sound -----------------------------------------------------------------------------------------

def read_wav(path):
    """(samples as float in [-1, 1], frames x channels; sample rate)."""
    with wave.open(path, "rb") as f:
        raw = f.readframes(f.getnframes())
        samples = np.frombuffer(raw, dtype="<i2").reshape(-1, f.getnchannels()).astype(np.float64) / 32768.0
        return samples, f.getframerate()


def write_wav(path, samples, rate):
    with wave.open(path, "wb") as f:
        f.setnchannels(samples.shape[1])
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes((np.clip(samples, -1, 32767 / 32768) * 32768).astype("<i2").tobytes())


def render(song, folder, tag):
    """The song as a 16-bit stereo 44.1 kHz WAV in `folder`, the condition applied; its path."""
    play(song)
    midi_path, dry = f"{folder}/{tag}.mid", f"{folder}/{tag}.dry.wav"
    with open(midi_path, "wb") as f:
        f.write(song.midi())
    # fluidsynth's own reverb and chorus off: the smearing is the condition's, or none.
    subprocess.run(["fluidsynth", "-ni", "-R", "0", "-C", "0", "-g", "0.6", "-F", dry, "-r", str(RATE),
                    SOUNDFONT, midi_path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    out = f"{folder}/{tag}.wav"
    # fluidsynth renders until its last voice has died, up to 20 s of near silence: the song
    # keeps one second of ringing, so the noise is not laid over a long empty tail.
    effects = ["trim", "0", f"{song.beat_times()[-1] + 1.0:.3f}"]
    if song.condition in ("reverb", "all three"):
        # A large, live room: reverberance 70 %, high frequencies damped by half, 40 ms pre-delay.
        effects += ["reverb", "70", "50", "100", "100", "40"]
    subprocess.run(["sox", dry, "-b", "16", out, *effects], check=True)
    os.remove(dry)
    if song.condition in ("noise 20 dB", "all three"):
        samples, rate = read_wav(out)
        # White noise 20 dB below the signal's power over the whole song.
        noise = song.rng.standard_normal(samples.shape) * np.sqrt(np.mean(samples ** 2) / 100.0)
        write_wav(out, samples + noise, rate)
    return out
