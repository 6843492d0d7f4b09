"""WAV files written byte by byte for the Python tests (no audio library: a test must be able to
write the lies a broken or hostile file tells), and progressions rendered by the fluidsynth CLI."""

import io
import math
import os
import shutil
import struct
import subprocess
import tempfile

import mido

from midi_tools import midi_bytes

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"

PCM, FLOAT = 1, 3


def wav_bytes(samples, rate=44100, channels=1, bits=16, fmt=PCM, declared_data=None, declared_rate=None,
              declared_channels=None):
    """A RIFF/WAVE file of interleaved `samples` (floats, -1..1). The header may lie: declared_*
    replace what the fmt and data chunks say, not what the body holds."""
    if fmt == FLOAT:
        data = struct.pack(f"<{len(samples)}{'f' if bits == 32 else 'd'}", *samples)
    elif bits == 8:
        data = bytes(max(0, min(255, round(s * 127 + 128))) for s in samples)
    else:
        full = 2 ** (bits - 1) - 1
        ints = [max(-full - 1, min(full, round(s * full))) for s in samples]
        width = bits // 8
        data = b"".join(v.to_bytes(width, "little", signed=True) for v in ints)
    channels_field = channels if declared_channels is None else declared_channels
    rate_field = rate if declared_rate is None else declared_rate
    block = max(1, channels_field) * bits // 8
    fmt_chunk = struct.pack("<HHIIHH", fmt, channels_field, rate_field, rate_field * block, block, bits)
    data_size = len(data) if declared_data is None else declared_data
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt_chunk)) + fmt_chunk
    body += b"data" + struct.pack("<I", data_size) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def tone(freqs, seconds, rate=44100, level=0.2):
    """Mono samples of sine partials."""
    count = int(seconds * rate)
    return [level * sum(math.sin(2 * math.pi * f * i / rate) for f in freqs) / len(freqs) for i in range(count)]


def render_wav(midi, rate=44100, file_type="wav"):
    """A MIDI file's bytes played by the fluidsynth CLI with Debian's GM soundfont: 16-bit stereo
    WAV bytes (or FLAC with file_type="flac")."""
    if shutil.which("fluidsynth") is None or not os.path.exists(SOUNDFONT):
        raise RuntimeError("fluidsynth and fluid-soundfont-gm are needed (scripts/install-deps.sh)")
    with tempfile.TemporaryDirectory(prefix="aiband-render-") as folder:
        midi_path, wav_path = os.path.join(folder, "song.mid"), os.path.join(folder, "song." + file_type)
        with open(midi_path, "wb") as out:
            out.write(midi)
        subprocess.run(["fluidsynth", "-ni", "-g", "0.8", "-F", wav_path, "-r", str(rate), "-T", file_type,
                        SOUNDFONT, midi_path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120)
        with open(wav_path, "rb") as wav:
            return wav.read()


def progression_midi(chords, tempo_bpm=100, program=0, bass=True, beats_per_chord=4):
    """Block chords (a chord's root an octave below middle C and its tones above), struck on every
    beat, one chord a bar; with a bass track (program 33) on the roots."""
    keys, low = [], []
    for bar, (root, tones) in enumerate(chords):
        for beat in range(beats_per_chord):
            start = bar * beats_per_chord + beat
            keys += [(start, 0.9, 60 + t, 80) for t in tones]
        low.append((bar * beats_per_chord, beats_per_chord - 0.1, 36 + root, 100))
    parts = [(0, keys)] + ([(1, low)] if bass else [])
    song = mido.MidiFile(file=io.BytesIO(midi_bytes(parts, tempo_bpm)))
    for number, track in enumerate(song.tracks[1:]):
        track.insert(0, mido.Message("program_change", channel=number, program=program if number == 0 else 33))
    out = io.BytesIO()
    song.save(file=out)
    return out.getvalue()
