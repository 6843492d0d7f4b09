#!/usr/bin/env bash
# Saves the README's screenshots into docs/screenshots/: each dashboard tab, the Settings dialog
# and the tray icon with its menu, on a virtual X display (Xvfb) with a tray (trayer).
#
# Usage: scripts/screenshots.sh [--lang es|de] [--out DIR] [--translation FILE.qm]
#   English: status.png plugins.png files.png tryit.png logs.png settings.png tray.png
#   --lang es: the same names with "-es" (status-es.png, ...), the interface in Spanish
#   --translation: a compiled translation (lrelease) to try in the tabs before it is built in
#
# The tabs and the dialog come from build/tests/take_screenshots, which builds the app's window
# around a real server and lets fake plugins (tests/tools/screenshot_band.py) connect, generate
# and play. The tray picture is the real app (build/app/ai-band-orchestrator) docked in trayer,
# with its menu opened by a right click. Everything runs in a temporary folder: the user's
# config, files and display are never touched.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"

lang=en
out="$root/docs/screenshots"
extra=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --lang) lang="${2:?--lang needs a language: en, es or de}"; shift 2 ;;
        --out) out="${2:?--out needs a folder}"; shift 2 ;;
        --translation) extra+=(--translation "$(realpath "${2:?--translation needs a .qm file}")"); shift 2 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "screenshots.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$lang" in
    en) suffix=""; locale=en_US.UTF-8 ;;
    es) suffix="-es"; locale=es_ES.UTF-8 ;;
    de) suffix="-de"; locale=de_DE.UTF-8 ;;
    *) echo "screenshots.sh: --lang must be en, es or de" >&2; exit 2 ;;
esac

"$root/scripts/install-deps.sh" --screenshots
mkdir -p "$build"
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$build/build.log" 2>&1 \
        || { cat "$build/build.log" >&2; exit 1; }
fi
cmake --build "$build" --parallel "$(nproc)" --target ai-band-orchestrator take_screenshots >"$build/build.log" 2>&1 \
    || { grep -E "error|FAILED" "$build/build.log" >&2 || cat "$build/build.log" >&2; exit 1; }

work=$(mktemp -d /tmp/aiband-screenshots.XXXXXX)
pids=()
cleanup() {
    local pid
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        pid=${pids[i]}
        kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# Waits (at most $3 tenths of a second) until file $1 has a line matching $2.
wait_for_line() {
    local tries=0
    until grep -q "$2" "$1" 2>/dev/null; do
        ((++tries > ${3:-300})) && { echo "screenshots.sh: gave up waiting for \"$2\" in $1" >&2; return 1; }
        sleep 0.1
    done
}

# A private display: Xvfb picks a free number and writes it to us.
# -noreset: the server would otherwise forget the desktop colour whenever no client is connected.
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp -noreset 5>"$work/display" 2>"$work/xvfb.log" &
pids+=($!)
wait_for_line "$work/display" '[0-9]' 100 || { cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$work/display")"
desktop_colour='#2e3440'
xsetroot -solid "$desktop_colour"
# A tray at the top right, as on most desktops; Qt docks its tray icon there (XEmbed).
trayer --edge top --align right --widthtype request --height 28 --transparent false \
       --tint 0x3b4252 --SetDockType true --expand true >"$work/trayer.log" 2>&1 &
pids+=($!)
for ((i = 0; i < 100; i++)); do
    xdotool search --name '^panel$' >/dev/null 2>&1 && break
    sleep 0.1
done

# Both runs use their own config, data and files folders, in the language asked for.
# (Set for the programs only: this shell may not have the locale installed, Qt does not need it.)
in_lang=(env -u LC_ALL -u LC_MESSAGES LANG="$locale" LANGUAGE="$lang" AIBAND_UI_LANGUAGE="$lang")
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$work/shots" "$out"
chmod 700 "$XDG_RUNTIME_DIR"
# The usual port when it is free, so the pictures show what users see; any free one otherwise.
port=8000
if (exec 3<>/dev/tcp/127.0.0.1/8000) 2>/dev/null; then port=0; fi
cat >"$work/config.json" <<EOF
{"server": {"port": $port}, "plugin": {"folder": "$work/files"}}
EOF

echo "Taking the tabs and the Settings dialog (language: $lang) ..."
(cd "$work" && "${in_lang[@]}" "$build/tests/take_screenshots" --config "$work/config.json" --out "$work/shots" \
     --suffix "$suffix" --language "$lang" --band "$root/tests/tools/screenshot_band.py" "${extra[@]}") \
    >"$work/take.log" 2>&1 || { cat "$work/take.log" >&2; exit 1; }

# The real app docked in the tray, with its menu and the Recent files submenu open. Returns
# non-zero (and the tabs are still kept) when the tray or the menu does not cooperate.
take_tray() {
    "${in_lang[@]}" "$build/app/ai-band-orchestrator" --port 0 --files-dir "$work/files-tray" \
        >"$work/app.out" 2>"$work/app.err" &
    pids+=($!)
    wait_for_line "$work/app.out" 'listening on' || { cat "$work/app.err" >&2; return 1; }
    local url panel window menu_ready=0
    url=$(grep -o 'http://[^ ]*' "$work/app.out" | head -n1)
    # The band stays connected until its standard input (this FIFO) closes.
    mkfifo "$work/band.in"
    /usr/bin/python3 "$root/tests/tools/screenshot_band.py" "$url" <"$work/band.in" >"$work/band.out" 2>&1 &
    pids+=($!)
    exec 7>"$work/band.in"
    wait_for_line "$work/band.out" '^ready' || { cat "$work/band.out" >&2; return 1; }

    # The icon is the right-most thing in the tray: trayer's window, at the screen's top right.
    panel=$(xdotool search --name '^panel$' | head -n1)
    [[ -n "$panel" ]] || { echo "screenshots.sh: trayer did not start" >&2; return 1; }
    eval "$(xdotool getwindowgeometry --shell "$panel")"   # X Y WIDTH HEIGHT
    xdotool mousemove "$((X + WIDTH - HEIGHT / 2))" "$((Y + HEIGHT / 2))" click 3
    # The menu is open once a big enough window of the app is mapped (the icon is 24 px or so).
    for ((i = 0; i < 50 && !menu_ready; i++)); do
        for window in $(xdotool search --onlyvisible --class ai-band-orchestrator 2>/dev/null); do
            eval "$(xdotool getwindowgeometry --shell "$window")"
            if ((WIDTH > 100 && HEIGHT > 100)); then menu_ready=1; break; fi
        done
        ((menu_ready)) || sleep 0.1
    done
    ((menu_ready)) || { echo "screenshots.sh: the tray menu did not open" >&2; return 1; }
    # Recent files from the keyboard (up from the bottom: Quit, Settings..., Recent files).
    xdotool key Up Up Up Right
    sleep 0.5   # the submenu opens on a Qt timer; nothing to wait on from outside
    import -window root "$work/root.png"
    exec 7>&-
    # Keep the top-right corner with the tray and the menus, and a margin of desktop around them.
    convert "$work/root.png" -crop 640x340+640+0 +repage -bordercolor "$desktop_colour" -border 1 \
        -fuzz 2% -trim +repage -bordercolor "$desktop_colour" -border 16 "$work/shots/tray$suffix.png"
}

echo "Taking the tray icon and its menu from the real app ..."
take_tray || echo "screenshots.sh: no tray picture this time; the others are kept" >&2

for image in "$work"/shots/*.png; do
    optipng -quiet -o2 -strip all "$image"
    cp "$image" "$out/"
    echo "  $out/$(basename "$image") ($(identify -format '%wx%h' "$image"), $(($(stat -c %s "$image") / 1024)) KiB)"
done
