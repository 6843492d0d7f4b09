"""The plain recognizers audio_chord_accuracy.py reports beside ours (docs/MUSIC.md, "Chords from
audio: how well it hears"):
- chords: an FFT chroma averaged over each *true* beat, matched to binary templates of the same
  vocabulary by cosine similarity; each beat on its own (no bass, no tuning, no smoothing, no
  key); N.C. when the beat is 40 dB below the song's loudest;
- keys: the Krumhansl-Kessler profiles correlated with the song's summed chroma;
- beats: aubio's beat tracker (`aubiotrack`, Debian's aubio-tools), another program's answer.
"""

import subprocess

import numpy as np

from audio_chord_accuracy_corpus import INTERVALS

WINDOW, HOP = 8192, 2048
KK_MAJOR = np.array([6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88])
KK_MINOR = np.array([6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17])
NOTE_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
TEMPLATES = [(f"{NOTE_NAMES[root]}{suffix}",
              np.array([1.0 if (pc - root) % 12 in intervals else 0.0 for pc in range(12)]))
             for root in range(12) for suffix, intervals in INTERVALS.items()]


def chroma_frames(samples, rate):
    """(frame centres in seconds, 12 x frames): each FFT bin from 65 Hz to 2.1 kHz counted for the
    pitch class it lies within a third of a semitone of."""
    mono = samples.mean(axis=1)
    frames = 1 + max(0, (len(mono) - WINDOW) // HOP)
    window = np.hanning(WINDOW)
    index = np.arange(WINDOW)[None, :] + HOP * np.arange(frames)[:, None]
    spectrum = np.abs(np.fft.rfft(np.pad(mono, (0, WINDOW))[index] * window, axis=1))
    freqs = np.fft.rfftfreq(WINDOW, 1.0 / rate)
    usable = (freqs >= 65) & (freqs <= 2100)
    semitone = 69 + 12 * np.log2(freqs[usable] / 440.0)
    near = np.abs(semitone - np.round(semitone)) < 1 / 3
    classes = np.round(semitone[near]).astype(int) % 12
    chroma = np.zeros((12, frames))
    for pc in range(12):
        chroma[pc] = spectrum[:, usable][:, near][:, classes == pc].sum(axis=1)
    return (np.arange(frames) * HOP + WINDOW / 2) / rate, chroma


def chords_per_beat(samples, rate, beat_times):
    """The best template per beat between the given beat times, or N.C.; and the song's chroma."""
    centres, chroma = chroma_frames(samples, rate)
    beats = []
    for start, end in zip(beat_times[:-1], beat_times[1:]):
        inside = (centres >= start) & (centres < end)
        beats.append(chroma[:, inside].mean(axis=1) if inside.any() else np.zeros(12))
    loudest = max(float(b.sum()) for b in beats) or 1.0
    labels = []
    for vector in beats:
        if vector.sum() < loudest * 0.01:   # 40 dB below in amplitude
            labels.append("N.C.")
            continue
        scores = [vector @ t / (np.linalg.norm(vector) * np.linalg.norm(t)) for _, t in TEMPLATES]
        labels.append(TEMPLATES[int(np.argmax(scores))][0])
    return labels, chroma.sum(axis=1)


def key_of(total):
    """The key whose Krumhansl-Kessler profile correlates best with the summed chroma, as "C"/"Am"."""
    best = max((np.corrcoef(total, np.roll(profile, tonic))[0, 1], tonic, minor)
               for tonic in range(12) for minor, profile in ((False, KK_MAJOR), (True, KK_MINOR)))
    return NOTE_NAMES[best[1]] + ("m" if best[2] else "")


def aubio_beats(path):
    """Beat times in seconds from aubiotrack, or None when it is not installed."""
    try:
        out = subprocess.run(["aubiotrack", "-i", path], check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        return None
    return [float(line) for line in out.split()]
