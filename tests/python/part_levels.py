#!/usr/bin/python3
"""How loud each part of the band sounds through a General MIDI synth (docs/MUSIC.md, "Balance").

For every style, asks the real server for one short song (bass, drums, keys, guitar and the full
band), renders each part alone and the mix (the full file with the guitar's track added) with
the FluidSynth command line and Debian's FluidR3 GM soundfont, and measures each render's RMS
level with sox. Prints a table style x part in dB relative to the mix, the spread of the
rhythm section (bass, keys, guitar) and where the drums sit against it, and each part's
velocities as the file has them (lowest, median, highest, how many different values).

--check fails (exit status 1) unless, in every style, bass, keys and guitar lie within
SPREAD_DB of each other, the drums within DRUMS_BELOW_DB below to DRUMS_ABOVE_DB above the
rhythm section's level, and no part is stuck at one velocity. A part whose loudest note stays
under forte is noted, not failed: its velocities are its generator's, its level the mix's.

Usage: part_levels.py APP [--styles rock,metal] [--bars 8] [--seeds 1,2] [--check]
                          [--markdown FILE] [--keep DIR] [--jobs N] [--files DIR]
APP is the built ai-band-orchestrator (with --files, the songs in DIR are measured instead). Needs fluidsynth, fluid-soundfont-gm and sox
(scripts/install-deps.sh --test).
"""

import argparse
import concurrent.futures
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

import mido

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plugin_client import Server, http, http_json  # noqa: E402

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
PARTS = ["bass", "drums", "keys", "guitar"]
RHYTHM_SECTION = ["bass", "keys", "guitar"]
# An arranger's rough balance: the rhythm section within ±3 dB of each other (the loudest at
# most 3 dB over the quietest), the drums at its level, up to 3 dB above it.
SPREAD_DB = 3.0
DRUMS_BELOW_DB = 3.0
DRUMS_ABOVE_DB = 3.0
# Velocities: a part plays at least this many different values, and its accents reach forte
# (MIDI 96, the f of the usual ppp=16 ... fff=127 scale).
MIN_DISTINCT_VELOCITIES = 4
MIN_VELOCITY_RANGE = 12   # loudest less softest: a part that breathes with the meter and phrase
FORTE = 96
# One song every style can play: a pop turnaround with a ii-V, 8 bars in the style's own meter.
SHEET = "C | Am | F | G7 | C | Am | Dm7 G7 | C"

STAT_LINE = re.compile(r"^(\S.*?)\s{2,}(\S+)")


def rms_db(wav):
    """sox's RMS level of a file, the channels together, in dBFS."""
    done = subprocess.run(["sox", wav, "-n", "stats"], capture_output=True, text=True, check=True)
    for line in done.stderr.splitlines():
        match = STAT_LINE.match(line)
        if match and match.group(1) == "RMS lev dB":
            return float(match.group(2))
    raise RuntimeError(f"sox printed no RMS level for {wav}:\n{done.stderr}")


def render(midi_path):
    """The file rendered as the brief's command does it, and its RMS level in dBFS."""
    wav = midi_path[:-4] + ".wav"
    subprocess.run(["fluidsynth", "-ni", "-F", wav, "-r", "44100", SOUNDFONT, midi_path],
                   capture_output=True, check=True, timeout=300)
    return rms_db(wav)


def band_with_guitar(full, guitar):
    """The full band's file with the guitar's track added: the whole band as a listener hears it."""
    mix = mido.MidiFile(type=1, ticks_per_beat=full.ticks_per_beat)
    mix.tracks.extend(full.tracks)
    mix.tracks.extend(guitar.tracks[1:])
    return mix


def velocities(midi):
    return [m.velocity for track in midi.tracks for m in track if m.type == "note_on" and m.velocity > 0]


def song_paths(folder, style, seed):
    """Where a song's files are: {part: path} for the parts, "full" and "mix" (the whole band)."""
    return {name: os.path.join(folder, f"{style}-{seed}-{name}.mid") for name in PARTS + ["full", "mix"]}


def fetch_song(server, style, seed, bars, folder):
    """Asks the server for the style's song and saves its files in `folder` (song_paths)."""
    body = {"chord_progression": {"chords": SHEET, "bars": bars}, "style": style, "seed": seed,
            "track_types": PARTS + ["full"]}
    status, _, answer = http_json("POST", server.base + "/api/generate", body, timeout=60)
    if status != 200:
        raise RuntimeError(f"{style}: generate answered {status}: {answer}")
    paths = song_paths(folder, style, seed)
    for detail in answer["file_details"]:
        status, _, data = http("GET", detail["url"])
        if status != 200:
            raise RuntimeError(f"{style}: {detail['url']} answered {status}")
        with open(paths[detail["track_type"]], "wb") as f:
            f.write(data)


def measure(styles, seeds, folder, jobs):
    """{style: {"levels": {part: dB relative to the mix}, "velocities": {part: [..]}, "mix": dBFS}}
    for the songs in `folder`, levels averaged in dB over the seeds."""
    songs = {}
    for style in styles:
        for seed in seeds:
            paths = song_paths(folder, style, seed)
            band_with_guitar(mido.MidiFile(paths["full"]), mido.MidiFile(paths["guitar"])).save(paths["mix"])
            songs[style, seed] = paths
    renders = [((style, seed), name, paths[name]) for (style, seed), paths in songs.items() for name in PARTS + ["mix"]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        levels = dict(zip([(key, name) for key, name, _ in renders], pool.map(render, [p for _, _, p in renders])))
    results = {}
    for style in styles:
        relative = {part: statistics.fmean(levels[(style, seed), part] - levels[(style, seed), "mix"] for seed in seeds)
                    for part in PARTS}
        played = {part: [v for seed in seeds for v in velocities(mido.MidiFile(songs[style, seed][part]))]
                  for part in PARTS}
        results[style] = {"levels": relative, "velocities": played,
                          "mix": statistics.fmean(levels[(style, seed), "mix"] for seed in seeds)}
    return results


def balance(levels):
    """(spread of the rhythm section in dB, drums above the rhythm section's level in dB)."""
    rhythm = [levels[p] for p in RHYTHM_SECTION]
    return max(rhythm) - min(rhythm), levels["drums"] - statistics.fmean(rhythm)


def problems(style, result):
    """(failures, warnings): the balance target and stuck velocities fail; accents that never
    reach forte are reported, since the velocities are the generators' (docs/MUSIC.md, "Balance")."""
    failures, warnings = [], []
    spread, drums = balance(result["levels"])
    if spread > SPREAD_DB:
        loudest = max(RHYTHM_SECTION, key=lambda p: result["levels"][p])
        quietest = min(RHYTHM_SECTION, key=lambda p: result["levels"][p])
        failures.append(f"{style}: {loudest} is {spread:.1f} dB over {quietest} (at most {SPREAD_DB:.0f})")
    if not -DRUMS_BELOW_DB <= drums <= DRUMS_ABOVE_DB:
        failures.append(f"{style}: drums sit {drums:+.1f} dB from the rhythm section "
                        f"(-{DRUMS_BELOW_DB:.0f} to +{DRUMS_ABOVE_DB:.0f})")
    for part, played in result["velocities"].items():
        if len(set(played)) < MIN_DISTINCT_VELOCITIES or max(played) - min(played) < MIN_VELOCITY_RANGE:
            failures.append(f"{style}: {part} is stuck: velocities {sorted(set(played))}")
        elif max(played) < FORTE:
            warnings.append(f"{style}: {part} never reaches forte (highest velocity {max(played)} < {FORTE})")
    return failures, warnings


def velocity_summary(played):
    return f"{min(played)}-{round(statistics.median(played))}-{max(played)} ({len(set(played))})"


def table(results):
    """Markdown: a row per style, the parts in dB relative to the mix, then the velocities."""
    lines = ["| style | mix dBFS | " + " | ".join(f"{p} dB" for p in PARTS)
             + " | rhythm spread dB | drums vs rhythm dB | "
             + " | ".join(f"{p} velocity" for p in PARTS) + " |",
             "|---" * (2 + 2 * len(PARTS) + 2) + "|"]
    for style, result in results.items():
        spread, drums = balance(result["levels"])
        cells = [style, f"{result['mix']:.1f}"] + [f"{result['levels'][p]:+.1f}" for p in PARTS]
        cells += [f"{spread:.1f}", f"{drums:+.1f}"]
        cells += [velocity_summary(result["velocities"][p]) for p in PARTS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def measure_from_server(args, seeds):
    server = Server(args.app)
    work = None if args.keep else tempfile.TemporaryDirectory(prefix="aiband-levels-")
    folder = args.keep or work.name
    os.makedirs(folder, exist_ok=True)
    try:
        styles = args.styles.split(",") if args.styles else \
            [s["name"] for s in http_json("GET", server.base + "/api/styles")[2]["styles"]]
        for style in styles:
            for seed in seeds:
                fetch_song(server, style, seed, args.bars, folder)
        return measure(styles, seeds, folder, args.jobs)
    finally:
        server.stop()
        if work:
            work.cleanup()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("app")
    parser.add_argument("--styles", help="comma-separated; all the server's by default")
    parser.add_argument("--bars", type=int, default=8)
    parser.add_argument("--seeds", default="1", help="comma-separated seeds; levels are averaged over them")
    parser.add_argument("--check", action="store_true", help="exit 1 when a style misses the balance target")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--keep", help="keep the MIDI and WAV files in this folder")
    parser.add_argument("--jobs", type=int, default=2, help="FluidSynth renders at once")
    parser.add_argument("--files", help="measure the songs already in this folder (STYLE-SEED-PART.mid, as "
                                        "--keep leaves them) instead of asking APP")
    args = parser.parse_args()
    for tool in ("fluidsynth", "sox"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (scripts/install-deps.sh --test)")
    if not os.path.exists(SOUNDFONT):
        sys.exit(f"{SOUNDFONT} is missing (apt-get install fluid-soundfont-gm)")

    seeds = [int(s) for s in args.seeds.split(",")]
    if args.files:
        styles = args.styles.split(",") if args.styles else \
            sorted({os.path.basename(f).rsplit("-", 2)[0] for f in os.listdir(args.files) if f.endswith("-full.mid")})
        results = measure(styles, seeds, args.files, args.jobs)
    else:
        results = measure_from_server(args, seeds)

    text = table(results)
    print(text, end="")
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write(text)
    sys.stdout.flush()
    failures = []
    for style, result in results.items():
        failed, warned = problems(style, result)
        failures += failed
        for line in warned:
            print("note: " + line, file=sys.stderr)
    for line in failures:
        print("FAIL " + line, file=sys.stderr)
    if args.check and failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
