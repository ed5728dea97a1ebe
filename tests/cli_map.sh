#!/bin/sh
# Command-line tests of `dcimpact map`: outputs in each format and page size,
# world maps and custom projections, and bad input (exit 2, a clear message
# on stderr, no file left and an older file untouched) or an unwritable
# output (exit 1).
#
# usage (from the repository root): sh tests/cli_map.sh build/dcimpact
# Needs only a POSIX sh, grep, od, mktemp, cat, rm.
# Prints one line `cli_map: N passed, M failed`; exits 1 if any case failed.

BIN=${1:?usage: sh tests/cli_map.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
if [ ! -x "$BIN" ]; then
	echo "cli_map: $BIN: not an executable" >&2
	exit 2
fi
if [ ! -f tests/data/map/paris.cfg ] || [ ! -f sites/hyperion.cfg ]; then
	echo "cli_map: run from the repository root (tests/data/map not found)" >&2
	exit 2
fi

SUITE=map
. tests/lib.sh


# bytes FILE OFFSET COUNT: the bytes as unsigned decimals on one line
bytes() {
	od -An -tu1 -j "$2" -N "$3" "$1" | tr -s ' \n' '  ' | sed 's/^ //; s/ $//'
}

# be32 FILE OFFSET: a big-endian 32-bit number
be32() {
	set -- $(bytes "$1" "$2" 4)
	echo $(($1 * 16777216 + $2 * 65536 + $3 * 256 + $4))
}

# good CASE FILE ARGS...: exit 0, nothing on stdout or stderr, FILE written
good() {
	_case=$1 _file=$2
	shift 2
	rm -f "$_file"
	run map -q "$@"
	if [ "$rc" -ne 0 ]; then
		no "$_case" "expected exit 0"
	elif [ -s "$OUT" ] || [ -s "$ERR" ]; then
		no "$_case" "expected no output on stdout or stderr"
	elif [ ! -s "$_file" ]; then
		no "$_case" "$_file not written"
	else
		ok
	fi
}

# bad CASE CODE NEEDLE ARGS...: exit CODE, NEEDLE on stderr, stdout empty,
# and the output ($tmp/old.png, which holds "old") untouched
bad() {
	_case=$1 _code=$2 _needle=$3
	shift 3
	echo old >"$tmp/old.png"
	run map "$@"
	if [ "$rc" -ne "$_code" ]; then
		no "$_case" "expected exit $_code"
	elif ! has "$ERR" "$_needle"; then
		no "$_case" "stderr lacks: $_needle"
	elif [ -s "$OUT" ]; then
		no "$_case" "expected nothing on stdout"
	elif [ "$(cat "$tmp/old.png")" != old ]; then
		no "$_case" "the older output file was changed"
	elif ls -a "$tmp" | grep -F '.old.png.' >/dev/null; then
		no "$_case" "a temporary file was left behind"
	else
		ok
	fi
}

ALL=$(ls sites/*.cfg)

# --- outputs
good "US map, PDF" "$tmp/us.pdf" $ALL -o "$tmp/us.pdf"
if [ "$(bytes "$tmp/us.pdf" 0 4)" = "37 80 68 70" ]; then ok; else
	no "US map, PDF" "not a PDF"; fi
good "US map, PNG at 72 dpi" "$tmp/us.png" $ALL -o "$tmp/us.png" --dpi 72
if [ "$(be32 "$tmp/us.png" 16)x$(be32 "$tmp/us.png" 20)" = 842x595 ]; then ok
else no "A4 PNG size" "expected 842x595, got $(be32 "$tmp/us.png" 16)x$(be32 "$tmp/us.png" 20)"; fi
good "Letter PNG" "$tmp/letter.png" sites/hyperion.cfg -o "$tmp/letter.png" \
    --dpi 72 --paper letter
if [ "$(be32 "$tmp/letter.png" 16)x$(be32 "$tmp/letter.png" 20)" = 792x612 ]
then ok; else no "Letter PNG size" "expected 792x612"; fi
good "US map, SVG" "$tmp/us.svg" sites/hyperion.cfg sites/colossus-1.cfg \
    -o "$tmp/us.svg"
if has "$tmp/us.svg" "<svg"; then ok; else no "SVG" "no <svg element"; fi

# --- world maps and projections
good "world map (a site in France)" "$tmp/world.png" tests/data/map/paris.cfg \
    sites/hyperion.cfg -o "$tmp/world.png" --dpi 72
good "Robinson (ESRI:54030)" "$tmp/robin.pdf" tests/data/map/paris.cfg \
    -o "$tmp/robin.pdf" --projection ESRI:54030
good "PROJ string" "$tmp/ortho.pdf" sites/hyperion.cfg -o "$tmp/ortho.pdf" \
    --projection "+proj=ortho +lat_0=35 +lon_0=-95"
good "user layer" "$tmp/layer.pdf" sites/hyperion.cfg -o "$tmp/layer.pdf" \
    --layer tests/data/map/layer-ok.geojson
good "year, gwp, grid factors" "$tmp/opts.pdf" sites/prometheus.cfg \
    -o "$tmp/opts.pdf" --year 2026 --gwp ar5 --grid-factors marginal

# --- EASIUR damage surfaces by name
good "PM2.5 damage layer, US map" "$tmp/dmg.png" $ALL -o "$tmp/dmg.png" \
    --dpi 72 --layer damages-pm25
if [ "$(be32 "$tmp/dmg.png" 16)x$(be32 "$tmp/dmg.png" 20)" = 842x595 ]; then ok
else no "damage layer PNG size" "expected 842x595"; fi
good "SO2 damage layer, Equal Earth" "$tmp/dmg-world.pdf" \
    tests/data/map/paris.cfg sites/colossus-1.cfg -o "$tmp/dmg-world.pdf" \
    --layer damages-so2 --projection EPSG:8857
good "NOx damage layer and a GeoJSON layer" "$tmp/dmg-two.svg" \
    sites/hyperion.cfg -o "$tmp/dmg-two.svg" --layer damages-nox \
    --layer tests/data/map/layer-ok.geojson

# a layer that is neither a file nor a known name: exit 2, the known names,
# and no file at all
rm -f "$tmp/dmg-bad.png"
run map sites/hyperion.cfg -o "$tmp/dmg-bad.png" --layer damages-pm10
if [ "$rc" -ne 2 ]; then
	no "unknown layer name" "expected exit 2"
elif ! has "$ERR" '--layer "damages-pm10": no such file, and not a known layer name (known: damages-pm25, damages-so2, damages-nox)'; then
	no "unknown layer name" "stderr lacks the known names"
elif [ -e "$tmp/dmg-bad.png" ] || [ -s "$OUT" ]; then
	no "unknown layer name" "a file or stdout was written"
else
	ok
fi
bad "two damage layers" 2 'one damage layer at a time' \
    sites/hyperion.cfg -o "$tmp/old.png" --layer damages-pm25 \
    --layer damages-so2

# --- bad input: exit 2, nothing written
bad "unknown CRS" 2 'projection "EPSG:999999": crs not found' \
    sites/hyperion.cfg -o "$tmp/old.png" --projection EPSG:999999
bad "bad PROJ string" 2 'projection "+proj=nosuch"' \
    sites/hyperion.cfg -o "$tmp/old.png" --projection +proj=nosuch
bad "geocentric CRS" 2 'not a projected or geographic CRS' \
    sites/hyperion.cfg -o "$tmp/old.png" --projection EPSG:4978
bad "invalid JSON layer" 2 'tests/data/map/bad-json.geojson:3: invalid JSON' \
    sites/hyperion.cfg -o "$tmp/old.png" --layer tests/data/map/bad-json.geojson
bad "wrong geometry type" 2 'feature 2: geometry type "Circle"' \
    sites/hyperion.cfg -o "$tmp/old.png" --layer tests/data/map/bad-type.geojson
bad "empty coordinates" 2 'empty-coords.geojson: Polygon: empty coordinates' \
    sites/hyperion.cfg -o "$tmp/old.png" \
    --layer tests/data/map/empty-coords.geojson
bad "no features" 2 'no-features.geojson: FeatureCollection has no features' \
    sites/hyperion.cfg -o "$tmp/old.png" \
    --layer tests/data/map/no-features.geojson
bad "not GeoJSON" 2 'not-geojson.geojson: not GeoJSON' \
    sites/hyperion.cfg -o "$tmp/old.png" \
    --layer tests/data/map/not-geojson.geojson
bad "missing layer" 2 'nosuch.geojson": no such file, and not a known layer name' \
    sites/hyperion.cfg -o "$tmp/old.png" --layer "$tmp/nosuch.geojson"
bad "bad site" 2 'hours-too-many.cfg' \
    tests/data/bad/hours-too-many.cfg -o "$tmp/old.png"
bad "missing -o" 2 '-o OUT.pdf|png|svg is required' sites/hyperion.cfg
bad "no site" 2 'expected one or more SITE.cfg' -o "$tmp/old.png"
bad "unknown output type" 2 'unknown output type' \
    sites/hyperion.cfg -o "$tmp/map.jpg"
bad "option of another command" 2 'is not an option of this command' \
    sites/hyperion.cfg -o "$tmp/old.png" --sort co2e_t

# --- the output cannot be written: exit 1
bad "folder does not exist" 1 'cannot write' \
    sites/hyperion.cfg -o "$tmp/no/such/folder/map.pdf"

# a regional projection for a site outside its area of use (issue 15
# point 6): refused with the area named, not smeared across the oceans
printf '%s\n' 'name = "Pole station";' \
    'location = { lat = 89.0; lon = 0.0; country = "NO"; };' \
    'capacity_mw = 10.0;' \
    'hardware = { rack = "dgx-h100"; utilization = 0.7; overhead = 0.08; };' \
    'cooling = { pue = 1.2; wue_l_per_kwh = 0.2; };' > "$tmp/pole.cfg"
bad "EPSG:5070 for a polar site" 2 'outside its area of use, United States (USA) - CONUS onshore' \
    "$tmp/pole.cfg" --projection EPSG:5070 -o "$tmp/old.png"
run map sites/hyperion.cfg --projection EPSG:5070 -o "$tmp/conus.pdf"
[ "$rc" = 0 ] && ok || no "EPSG:5070 for a CONUS site" "refused"
run map "$tmp/pole.cfg" -o "$tmp/pole.pdf"
[ "$rc" = 0 ] && ok || no "a polar site on the default world map" "failed"

echo "cli_map: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
