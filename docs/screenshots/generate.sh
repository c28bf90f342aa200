#!/usr/bin/env bash
# Regenerates the README's screenshots from the real app, so that they never
# drift from it:
#
#     bash docs/screenshots/generate.sh
#
# It builds the release binary, runs it in a tmux server of its own (100x30,
# TERM=xterm-256color) on a copy of assets/sample.ron in a temporary
# directory (MINUTES_DATA_DIR and MINUTES_CONFIG_DIR point there too, so
# nothing of yours is read or written), types what a secretary and a chair
# would, and for each screen: `tmux capture-pane -e` (the screen with its
# colours as ANSI) -> aha (ANSI to HTML) -> headless Chromium -> PNG in
# docs/screenshots/.
#
# Needs tmux, aha, chromium, perl, a font with Chinese glyphs
# (fonts-wqy-microhei) and a colour emoji font (fonts-noto-color-emoji);
# installs whichever is missing with apt-get, as .ci/run does. Nothing here
# compares pixels: the PNGs are for reading, and are committed as made.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
out=$repo/docs/screenshots

COLS=100
ROWS=30

# --- tools -------------------------------------------------------------------

missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v aha >/dev/null 2>&1 || missing+=(aha)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v perl >/dev/null 2>&1 || missing+=(perl)
[ -n "$(fc-list 'WenQuanYi Micro Hei Mono' 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
[ -n "$(fc-list 'Noto Color Emoji' 2>/dev/null)" ] || missing+=(fonts-noto-color-emoji)
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --release --locked
bin=${CARGO_TARGET_DIR:-$repo/target}/release/minutes
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 1; }

# --- a terminal of our own ---------------------------------------------------

work=$(mktemp -d)
# One tmux server a screen (a server that is ending refuses a new session).
shots=0
socket() { echo "minutes-shots-$$-$shots"; }
tmux_() { tmux -L "$(socket)" -f /dev/null "$@"; }
cleanup() {
    tmux_ kill-server >/dev/null 2>&1 || true
    # MINUTES_SHOTS_KEEP=1 keeps the captures and pages, to look into them.
    if [ -n "${MINUTES_SHOTS_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

mkdir -p "$work/data" "$work/config"
cp assets/sample.ron "$work/sample.ron"

# Starts `minutes ARGS...` in a fresh tmux session of COLS x ROWS.
start() {
    local cmd="exec env TERM=xterm-256color MINUTES_DATA_DIR='$work/data'"
    cmd+=" MINUTES_CONFIG_DIR='$work/config' '$bin'"
    local arg
    for arg in "$@"; do cmd+=" '$arg'"; done
    tmux_ kill-server >/dev/null 2>&1 || true
    shots=$((shots + 1))
    tmux_ new-session -d -s shot -x "$COLS" -y "$ROWS" "$cmd"
}

screen() { tmux_ capture-pane -p -t shot; }

# Waits until TEXT is on screen (the app draws after each batch of keys).
wait_for() {
    local text=$1 i
    for i in $(seq 200); do
        if screen | grep -qF -- "$text"; then return 0; fi
        sleep 0.05
    done
    echo "never saw '$text' on screen:" >&2
    screen >&2
    exit 1
}

# Waits until the quick-entry line is empty again: the line was taken.
wait_line_taken() {
    local i
    for i in $(seq 200); do
        if screen | grep -qx 'note ›'; then return 0; fi
        sleep 0.05
    done
    echo "the line was not taken:" >&2
    screen >&2
    exit 1
}

keys() { tmux_ send-keys -t shot "$@"; }

# Types a line into the quick-entry line and logs it (Enter).
line() {
    keys -l "$1"
    keys Enter
    wait_line_taken
}

# Opens a person picker with KEY, types LETTERS, and chooses (Enter).
pick() {
    keys "$1"
    wait_for "$2"
    keys -l "$3"
    keys Enter
    wait_line_taken
}

# --- ANSI -> HTML -> PNG -----------------------------------------------------

# aha knows the 16 colours as SGR 30-37/90-97, which tmux writes as 38;5;N,
# and drops faint (SGR 2), which the app uses for what is secondary. This
# filter rewrites those: 38;5;N / 48;5;N (N < 16) to the classic codes,
# faint to italic (the app uses no italic; the stylesheet draws it faint),
# and "normal intensity" (22) to end both. aha also forgets that a colour is
# bright (90-97) when a background code follows it, as tmux writes them
# (`\e[90m\e[49m`), and reverses (7) the colours in force when it reads it,
# not those that follow: a run of codes is merged into one, a bright colour
# and reverse last.
to_classic() {
    perl -pe '
        s{((?:\e\[[0-9;]*m)+)}{
            my @p = map { $_ eq "" ? "0" : $_ } map { split /;/, $_, -1 } ($1 =~ /\e\[([0-9;]*)m/g);
            my @o;
            while (@p) {
                my $c = shift @p;
                if (($c eq "38" || $c eq "48") && @p >= 2 && $p[0] eq "5") {
                    shift @p; my $n = shift @p;
                    if ($n < 16) {
                        my $base = $c eq "38" ? ($n < 8 ? 30 : 90) : ($n < 8 ? 40 : 100);
                        push @o, $base + $n % 8;
                    } else { push @o, "$c;5;$n" }
                } elsif (($c eq "38" || $c eq "48") && @p >= 4 && $p[0] eq "2") {
                    push @o, join ";", $c, splice(@p, 0, 4);
                } elsif ($c eq "2") { push @o, 3 }
                elsif ($c eq "22") { push @o, 22, 23 }
                else { push @o, $c }
            }
            my $fg = (grep { /^(0|3[0-9]|9[0-7]|38;.*)$/ } @o)[-1] // "";
            if ($fg =~ /^9[0-7]$/) { @o = ((grep { $_ ne $fg } @o), $fg) }
            # aha swaps the colours in force at a 7 (reverse): they go first.
            @o = ((grep { $_ ne "7" } @o), (grep { $_ eq "7" } @o));
            "\e[" . join(";", @o) . "m"
        }ge'
}

# A terminal cell is one column, or two for a wide character (Chinese, most
# emoji). DejaVu Sans Mono draws every narrow character the app shows (Latin
# letters, accents, arrows, box drawing) one column wide; a wide one comes
# from another font, whose glyphs need not be two columns: each gets a box of
# exactly two, so the grid stays aligned. (aha's tags are ASCII: only text
# is touched.)
to_cells() {
    perl -CSD -pe 's{([\p{EA=W}\p{EA=F}])}{<span class="w">$1</span>}g'
}

# The dark terminal the screenshots show: xterm's palette, softened.
css='
html, body { margin: 0; padding: 0; background: #1d1f21; }
pre {
    margin: 0; padding: 10px 12px; color: #c5c8c6; background: #1d1f21;
    font-family: "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", "Noto Color Emoji", monospace;
    font-size: 14.95px; line-height: 18px; width: '"$COLS"'ch;
}
.w { display: inline-block; width: 2ch; text-align: center; overflow: hidden; vertical-align: top; height: 18px; }
.bold { font-weight: bold; }
.italic { font-style: normal; opacity: 0.55; }
.underline { text-decoration: underline; }
.highlighted { filter: none; }
.reset { color: #c5c8c6; } .bg-reset { background-color: #1d1f21; }
.inverted { color: #1d1f21; } .bg-inverted { background-color: #c5c8c6; }
.dimgray { color: #3b3e40; } .highlighted.dimgray { color: #7c7f82; }
.red { color: #cc6666; } .highlighted.red { color: #ff7b7b; }
.green { color: #8cbf6a; } .highlighted.green { color: #b5e890; }
.yellow { color: #e6c15a; } .highlighted.yellow { color: #ffe082; }
.blue { color: #6f9fd8; } .highlighted.blue { color: #9ec5ff; }
.purple { color: #c397d8; } .highlighted.purple { color: #e0b8f5; }
.cyan { color: #5fc2c2; } .highlighted.cyan { color: #8ee6e6; }
.white { color: #c5c8c6; } .highlighted.white { color: #ffffff; }
.bg-black { background-color: #3b3e40; } .highlighted.bg-black { background-color: #7c7f82; }
.bg-red { background-color: #cc6666; } .bg-green { background-color: #8cbf6a; }
.bg-yellow { background-color: #e6c15a; } .bg-blue { background-color: #6f9fd8; }
.bg-purple { background-color: #c397d8; } .bg-cyan { background-color: #5fc2c2; }
.bg-white { background-color: #c5c8c6; }
'

# Captures the screen now as docs/screenshots/NAME.png.
shoot() {
    local name=$1
    local html=$work/$name.html
    # Let the last key's frame be drawn, and capture what is on screen.
    sleep 0.5
    tmux_ capture-pane -p -e -N -t shot >"$work/$name.ans"
    {
        printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><style>%s</style></head><body><pre>' "$css"
        to_classic <"$work/$name.ans" | aha --stylesheet --no-header | to_cells
        printf '</pre></body></html>\n'
    } >"$html"
    # The window is the terminal's size: ~9 px a column, 18 a row, padding.
    local width=$((COLS * 9 + 24 + 4)) height=$((ROWS * 18 + 20))
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run \
        --hide-scrollbars --user-data-dir="$work/chromium" \
        --screenshot="$out/$name.png" --window-size="$width,$height" \
        "file://$html" >/dev/null 2>&1
    echo "$out/$name.png: $(stat -c %s "$out/$name.png") bytes"
}

# --- the live screen: a meeting under way ------------------------------------

# A new session of the sample's series: its roster and its open actions.
start new "Open Data for Museum Collections" --from "$work/sample.ron"
wait_for "not started"
# Roll call: ten here, one absent.
keys F8
wait_for "Roll call"
for _ in $(seq 10); do keys Enter; sleep 0.1; done
keys Delete
sleep 0.2
keys Escape
line "/topic Welcome and introductions 10"
line "/topic Report: the PKU open-collections pilot 25 @wangli"
line "/topic Rights statements and licensing 30"
line "/topic Next steps 10"
line "/start"
keys C-n
wait_for "1/4 Welcome"
pick C-p "Who is speaking?" jos
line "s: Welcomed the partners; Vienna and Salamanca join the pilot this year"
line "Round of introductions, each partner's collections team"
keys C-n
wait_for "2/4 Report"
pick C-p "Who is speaking?" wangli
line "s: 120,000 object records published under CC0, images under CC BY"
line "q: How are rights checked per image? @jurgen"
line "Checked by hand for the first 5,000; a rule set drafted for the rest"
line "d: The partners adopt the PKU record profile as the common baseline"
line "a: Share the mapping tables with USAL and UNIVIE @zhang due:fri"
# The speaker's clock runs; two ask to speak; a conclusion half typed.
sleep 10
pick C-r "Who asks to speak?" anna
pick C-r "Who asks to speak?" maria
keys -l "c: Rights checks stay with each museum"
wait_for "conclusion ›"
shoot live
keys C-u
keys C-q
keys C-q

# --- the chair's review and statistics, on the sample itself -----------------

start review "$work/sample.ron"
wait_for "Open Data for Museum Collections"
keys 3
sleep 0.3
shoot review
keys s
wait_for "Speaking time"
shoot statistics
keys q
