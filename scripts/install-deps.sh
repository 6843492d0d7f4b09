#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the project needs and that are missing.
# Usage: scripts/install-deps.sh [--test|--bench|--fuzz|--screenshots|--music]
#        (what the test suite / the benchmarks / the fuzz targets / scripts/screenshots.sh /
#        scripts/musicianship.sh and scripts/music-examples.sh need too)
# Quiet when everything is there; uses sudo when not run as root.
set -euo pipefail

build_packages=(
    cmake ninja-build g++
    qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-svg-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-qpa-plugins libgl-dev
    qt6-translations-l10n   # Qt's own dialog and button texts in Spanish and German
    librsvg2-bin            # rsvg-convert renders the PNG icons from the SVG
    dpkg-dev                # dpkg-shlibdeps: the .deb's library dependencies (scripts/package.sh)
    libfluidsynth-dev       # audition: takes rendered to audio offline (core/audio)
    libsndfile1-dev         # audition: the rendered audio written as WAV or Ogg Vorbis
    libfftw3-dev            # hearing chords in audio: FFTs (core/listening)
    pkg-config              # CMake finds the three above through their .pc files
    fluid-soundfont-gm      # the General MIDI soundfont the renderer plays takes with
    qt6-multimedia-dev      # the window plays takes on the sound device (QAudioSink)
    libqt6sql6-sqlite       # the takes index: SQLite through Qt SQL (headers in qt6-base-dev)
)
test_packages=(
    python3 python3-mido python3-websockets curl fluidsynth fluid-soundfont-gm
    sox                            # levels and peaks of rendered audio (audio_levels); reverb (audio chord accuracy)
    python3-numpy aubio-tools      # chroma baseline, noise, aubiotrack's beats (python_audio_chord_accuracy)
    desktop-file-utils appstream   # validators for the .desktop and metainfo files (packaging_deb)
    lintian man-db python3-debian  # the .deb checked as Debian checks it: lintian, man -l, a DEP-5 parser (packaging_deb)
    xvfb xauth trayer              # an X display with a system tray (desktop_tray_session)
    zlib1g-dev                     # juce_core uses the system's zlib (plugin_reader, below)
)
# JUCE's module sources, for tests/tools/plugin_reader (our files read as the plugin reads them).
# Debian's juce-modules-source would pull in GTK and WebKit, so its two packages are downloaded
# by name and only extracted, into juce_root; CMake's AIBAND_JUCE_MODULES_DIR points there.
juce_root=/opt/aiband-juce
juce_packages=(juce-modules-source juce-modules-source-data)

bench_packages=(
    libbenchmark-dev wrk valgrind
    # The original Python orchestrator, run beside ours by scripts/bench.sh --compare-original
    python3-fastapi python3-uvicorn python3-websockets python3-httpx python3-watchdog python3-structlog
)
# scripts/musicianship.sh: MMA plays the same songs for comparison; scripts/music-examples.sh
# draws piano rolls with matplotlib. Both also need the test packages (mido, FluidSynth, sox).
music_packages=(
    mma python3-matplotlib
)
# scripts/fuzz.sh: libFuzzer and the sanitizers' runtimes come with clang's compiler-rt.
fuzz_packages=(
    clang libclang-rt-14-dev
)

# scripts/screenshots.sh: a virtual X display, a tray to dock into, a desktop colour, mouse
# clicks on the tray icon, screen capture and cropping, PNG optimisation.
screenshot_packages=(
    xvfb trayer x11-xserver-utils xdotool imagemagick optipng fonts-dejavu-core
    python3 python3-websockets
)

wanted=("${build_packages[@]}")
if [[ "${1:-}" == "--test" ]]; then
    wanted+=("${test_packages[@]}")
elif [[ "${1:-}" == "--bench" ]]; then
    wanted+=("${test_packages[@]}" "${bench_packages[@]}")
elif [[ "${1:-}" == "--fuzz" ]]; then
    wanted+=("${fuzz_packages[@]}")
elif [[ "${1:-}" == "--music" ]]; then
    wanted+=("${test_packages[@]}" "${music_packages[@]}")
elif [[ "${1:-}" == "--screenshots" ]]; then
    wanted+=("${screenshot_packages[@]}")
fi

missing=()
for package in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || missing+=("$package")
done
# The OpenAPI check (tests/openapi) runs on Node with npm. Debian's npm (which brings nodejs)
# only when there is no npm command at all: a Node.js installed another way stays as it is.
if [[ "${1:-}" == "--test" || "${1:-}" == "--bench" ]] && ! command -v npm >/dev/null 2>&1; then
    missing+=(npm)
fi
want_juce=false
if [[ "${1:-}" == "--test" || "${1:-}" == "--bench" ]] \
   && [[ ! -f "$juce_root/usr/share/juce/modules/juce_audio_basics/juce_audio_basics.cpp" ]]; then
    want_juce=true
fi
[[ ${#missing[@]} -eq 0 && "$want_juce" == false ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "These packages are missing and neither root nor sudo is available: ${missing[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "Installing: ${missing[*]}"
    "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ "$want_juce" == true ]]; then
    echo "Extracting ${juce_packages[*]} into $juce_root"
    download=$(mktemp -d)
    chmod 0777 "$download"   # apt-get download fetches as the _apt user when run as root
    (cd "$download" && apt-get download -qq "${juce_packages[@]}" >/dev/null)
    for deb in "$download"/*.deb; do
        "${as_root[@]}" dpkg -x "$deb" "$juce_root"
    done
    rm -rf "$download"
fi
