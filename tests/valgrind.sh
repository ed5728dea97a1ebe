#!/bin/sh
# Every command under valgrind memcheck: no invalid access, no use of
# uninitialised values, no definite leak (library caches are suppressed in
# tests/valgrind.supp, each documented there).
#
#   sh tests/valgrind.sh ./dcimpact      (prints "valgrind: N passed, M failed")
#
# VALGRIND_JOBS (default: the number of CPUs, at most 4) runs that many at
# once. Outputs go to a temporary folder. About 2 minutes on 2 cores; the
# slow cases are the drawings (10-20 s each under valgrind), so report,
# compare and map draw one or two sites per format.
set -u

if [ $# -ne 1 ]; then
	echo "usage: sh tests/valgrind.sh PATH/TO/dcimpact" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
[ -x "$BIN" ] || { echo "valgrind: $BIN is not an executable" >&2; exit 2; }
command -v valgrind >/dev/null 2>&1 ||
    { echo "valgrind: valgrind not found: apt-get install -y valgrind" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUPP=$ROOT/tests/valgrind.supp
JOBS=${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 2)}
[ "$JOBS" -gt 4 ] && JOBS=4
[ "$JOBS" -lt 1 ] && JOBS=1

T=$(mktemp -d /tmp/dcimpact-valgrind.XXXXXX) || exit 2
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

VG="valgrind -q --error-exitcode=3 --leak-check=full \
--errors-for-leak-kinds=definite --show-leak-kinds=definite \
--suppressions=$SUPP --num-callers=30"

cd "$ROOT" || exit 2
start=$(date +%s)
n=0
running=0
pass=0
fail=0

# case NAME WANT_RC [FILE_THAT_MUST_EXIST|-] ARGS...: queue one run; runs
# JOBS at a time. Each run keeps its log in $T/<n>.log and its exit code
# in $T/<n>.rc.
vcase() {
	n=$((n + 1))
	printf '%s\n%s\n%s\n' "$1" "$2" "$3" >"$T/$n.case"
	name=$1
	shift 3
	# shellcheck disable=SC2086
	( $VG "$BIN" "$@" >"$T/$n.out" 2>"$T/$n.log" </dev/null
	  echo $? >"$T/$n.rc" ) &
	running=$((running + 1))
	if [ "$running" -ge "$JOBS" ]; then
		wait
		running=0
	fi
}

# --- estimate: each bundled site, every format --------------------------
for s in sites/*.cfg; do
	vcase "estimate $s" 0 - estimate "$s"
done
for f in text csv json; do
	vcase "estimate sites/*.cfg --format $f" 0 - estimate --format "$f" sites/*.cfg
done
vcase "estimate tests/data/good/*.cfg --year 2027 --gwp ar5 --grid-factors marginal" \
    0 - estimate --format json --year 2027 --gwp ar5 --grid-factors marginal \
    tests/data/good/*.cfg

# --- check: sites, catalogs, and every bad file (error paths free all) ---
vcase "check sites and catalogs" 0 - check sites/*.cfg estimator/racks.cfg \
    emissions/grids.cfg emissions/plants.cfg emissions/health.cfg \
    emissions/context.cfg
vcase "check tests/data/bad/*.cfg (exit 2)" 2 - check tests/data/bad/*.cfg
vcase "estimate a bad site (exit 2)" 2 - estimate sites/colossus-1.cfg \
    tests/data/bad/pue-low.cfg
vcase "report a bad site (exit 2)" 2 - report tests/data/bad/unknown-rack.cfg \
    -o "$T/bad.pdf"
vcase "report to a missing folder (exit 1)" 1 - report sites/colossus-1.cfg \
    -o "$T/none/r.pdf"

# --- catalogs -------------------------------------------------------------
vcase "racks" 0 - racks
vcase "grids --format json" 0 - grids --format json
vcase "plants --format csv" 0 - plants --format csv

# --- drawings: one format per run, few sites ------------------------------
vcase "report pdf" 0 "$T/r.pdf" report sites/colossus-1.cfg -o "$T/r.pdf"
vcase "report png" 0 "$T/r-1.png" report sites/hyperion.cfg -o "$T/r.png" \
    --dpi 72
vcase "report svg" 0 "$T/r-1.svg" report sites/fairwater.cfg -o "$T/r.svg" \
    --paper letter
vcase "compare pdf" 0 "$T/c.pdf" compare sites/colossus-1.cfg \
    sites/hyperion.cfg --sort co2e_t -o "$T/c.pdf"
vcase "compare png" 0 "$T/c-1.png" compare sites/colossus-1.cfg \
    tests/data/good/inline100.cfg -o "$T/c.png" --dpi 72
vcase "compare svg" 0 "$T/c-1.svg" compare sites/prometheus.cfg \
    sites/rainier.cfg -o "$T/c.svg"
if "$BIN" --help 2>/dev/null | grep -q '^ *map '; then
	vcase "map pdf (world)" 0 "$T/m.pdf" map sites/*.cfg -o "$T/m.pdf"
	vcase "map png (US, a layer)" 0 "$T/m.png" map sites/colossus-1.cfg \
	    sites/stargate-abilene.cfg --layer tests/data/map/layer-ok.geojson \
	    --dpi 72 -o "$T/m.png"
	vcase "map svg (bad layer, exit 2)" 2 - map sites/colossus-1.cfg \
	    --layer tests/data/map/bad-json.geojson -o "$T/m.svg"
else
	echo "skip: map (not a command of this build)"
fi
wait

i=1
while [ "$i" -le "$n" ]; do
	name=$(sed -n 1p "$T/$i.case")
	want=$(sed -n 2p "$T/$i.case")
	file=$(sed -n 3p "$T/$i.case")
	rc=$(cat "$T/$i.rc" 2>/dev/null || echo "?")
	why=""
	if [ "$rc" = 3 ]; then
		why="valgrind found errors"
	elif [ "$rc" != "$want" ]; then
		why="exit $rc, expected $want"
	elif [ "$file" != - ] && [ ! -s "$file" ]; then
		why="$(basename "$file") not written"
	elif grep -q '^==[0-9]*== ' "$T/$i.log"; then
		why="valgrind reported something"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name: $why"
		grep -E '^==[0-9]+== ' "$T/$i.log" | head -30 | sed 's/^/    /'
		grep -vE '^==[0-9]+== ' "$T/$i.log" | head -3 | sed 's/^/    stderr: /'
	fi
	i=$((i + 1))
done
echo "valgrind: $pass passed, $fail failed ($(($(date +%s) - start)) s, $JOBS at a time)"
[ "$fail" -eq 0 ]
