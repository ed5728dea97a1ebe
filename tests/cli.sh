#!/bin/sh
# Command-line tests of dcimpact: bad site files (exit 2, nothing on stdout,
# "dcimpact: FILE:LINE: setting: message" on stderr), numbers worked by hand,
# every bundled file passing `check`, and usage errors.
#
# usage (from the repository root): sh tests/cli.sh build/dcimpact
# Needs only a POSIX sh, grep, sed, awk, mktemp (and rm, mkdir, cat).
# Prints one line `cli: N passed, M failed`; exits 1 if any case failed.

BIN=${1:?usage: sh tests/cli.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
if [ ! -x "$BIN" ]; then
	echo "cli: $BIN: not an executable" >&2
	exit 2
fi
if [ ! -d tests/data/bad ] || [ ! -f sites/hyperion.cfg ]; then
	echo "cli: run from the repository root (tests/data/bad not found)" >&2
	exit 2
fi

SUITE=cli
. tests/lib.sh

# expect_rc CASE CODE ARGS...: the program exits with CODE
expect_rc() {
	_case=$1 _want=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$_want" ]; then ok; else no "$_case" "expected exit $_want"; fi
}

# csv_col KEY: column KEY of data row 1 of the CSV in $OUT (quoted fields
# may hold commas); csv_col KEY ROW for another row
csv_col() {
	awk -v key="$1" -v row="${2:-1}" '
	function split_csv(line, f,    n, i, c, q, cur) {
		n = 0; q = 0; cur = ""
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (c == "\"") q = !q
			else if (c == "," && !q) { f[++n] = cur; cur = ""; continue }
			else cur = cur c
		}
		f[++n] = cur
		return n
	}
	NR == 1 { n = split_csv($0, h); for (i = 1; i <= n; i++) if (h[i] == key) col = i; next }
	NR == row + 1 { split_csv($0, f); if (col) print f[col]; exit }' "$OUT"
}

# near GOT WANT: |GOT - WANT| <= 1e-9 x |WANT| (exact when WANT is 0)
near() {
	awk -v g="$1" -v w="$2" 'BEGIN {
		if (g == "") exit 1
		d = g - w; if (d < 0) d = -d
		a = w < 0 ? -w : w
		exit !(d <= 1e-9 * a)
	}'
}

# num CASE KEY WANT ARGS...: `estimate ARGS --format csv` exits 0 and
# column KEY equals WANT to 1e-9 relative
num() {
	_case=$1 _key=$2 _want=$3
	shift 3
	run estimate "$@" --format csv
	if [ "$rc" -ne 0 ]; then
		no "$_case" "expected exit 0"
		return
	fi
	_got=$(csv_col "$_key")
	if near "$_got" "$_want"; then ok; else no "$_case" "$_key: got '$_got', expected $_want"; fi
}

# ---------------------------------------------------------------------------
# 1. Bad site files. One line per case: FILE|LINE|NEEDLE[|WHERE]
#    FILE   the argument (@/NAME: a file made below in the temporary folder)
#    LINE   the line the error must name, or - for errors about the file as
#           a whole (no line: it cannot be opened or is a directory)
#    NEEDLE a fixed string the message must contain (the setting and a key word)
#    WHERE  the file the message must name, when not FILE (an included file)
# Each case: exit 2, stdout empty, stderr holds "dcimpact: WHERE:LINE: " and NEEDLE.
# Each file in tests/data/bad starts with a comment saying what is wrong.
# Line 1 stands for the file's top level (a missing top-level setting, an
# empty file); an unknown grid taken from location.country (no supply list)
# is reported at line 1 too, as the program keeps no line for the country.
# ---------------------------------------------------------------------------
B=tests/data/bad
cases='
B/syntax.cfg|3|syntax error
B/unterminated-string.cfg|4|syntax error
B/unknown-top.cfg|4|capcity_mw: unknown setting
B/unknown-hardware.cfg|7|hardware.utilisation: unknown setting
B/pue-string.cfg|7|cooling.pue: expected a number (got a string)
B/pue-low.cfg|7|cooling.pue: out of range (got 0.9
B/utilization-high.cfg|7|hardware.utilization: out of range (got 1.5
B/lat-95.cfg|5|location.lat: out of range (got 95
B/inf.cfg|4|capacity_mw: not a finite number
B/big-int.cfg|4|racks: integer 3000000000 does not fit in 32 bits
B/two-sizings.cfg|5|racks: two sizings given (capacity_mw on line 4
B/no-sizing.cfg|1|no sizing given
B/sizing-string.cfg|4|racks: expected a number (got a string)
B/capacity-zero.cfg|4|capacity_mw: out of range (got 0;
B/unknown-rack.cfg|6|hardware.rack: unknown rack "gb999-nvl72"
B/inline-rack-no-peak.cfg|6|hardware.rack.peak_kw: missing required setting
B/inline-rack-over-peak.cfg|7|hardware.rack.accelerator_w: 8 accelerators x 2000 W = 16 kW exceed peak_kw
B/unknown-plant.cfg|9|supply[0].plant: unknown plant "ngcc-x"
B/unknown-technology.cfg|8|supply[0].technology: unknown technology "fusion"
B/unknown-backup-plant.cfg|8|backup.plant: unknown plant "diesel-tier9"
B/unknown-grid.cfg|9|unknown grid "XXXX"
B/unknown-country-grid.cfg|3|location.country: unknown grid "ZZ"
B/unknown-kind.cfg|8|supply[0].kind: unknown supply kind "solar"
B/unknown-control.cfg|10|supply[0].controls: unknown control "magic-filter"
B/scr-water-dln.cfg|10|supply[0].controls: water-injection and dln
B/permit-unknown-pollutant.cfg|11|supply[0].permit_tpy.lead: unknown setting
B/unc-min-above-max.cfg|7|hardware.utilization: min must be below max
B/unc-mode-outside.cfg|9|hardware.utilization.mode: mode must lie between min and max
B/unc-mean-no-sd.cfg|8|cooling.pue: a normal uncertain number takes exactly mean and sd
B/unc-sd-zero.cfg|8|cooling.pue.sd: must be positive
B/pue-13-months.cfg|7|cooling.pue: monthly PUE needs 12 values (got 13
B/mixed-array.cfg|7|write 1.0, not 1
B/phases-decreasing.cfg|7|phases[1].year: phase years must increase (got 2028 after 2030)
B/phase-other-sizing.cfg|7|phases[1].racks: unknown setting
B/phase-year-range.cfg|6|phases[0].year: out of range (got 1980
B/missing-include.cfg|3|cannot open include file
B/include-bad.cfg|4|cooling.pue: out of range (got 0.5|tests/data/bad/inc/bad-pue.cfg
B/two-grids.cfg|9|supply[1]: a second grid entry
B/no-grid.cfg|7|supply: no grid entry
B/shares-over-one.cfg|7|supply: shares sum to more than 1 (got 1.2
B/share-and-units.cfg|9|supply[0].units: share replaces capacities
B/cf-and-hours.cfg|8|supply[0]: give capacity_factor or hours, not both
B/hours-too-many.cfg|9|supply[0].hours: out of range (got 9000
B/missing-location.cfg|1|location: missing required setting
B/missing-utilization.cfg|5|hardware.utilization: missing required setting
B/missing-wue.cfg|6|cooling.wue_l_per_kwh: missing required setting
B/country-usa.cfg|6|location.country: expected an ISO 3166 two-letter code
B/state-lowercase.cfg|3|location.state: expected a postal code
B/util-and-load-factor.cfg|7|hardware.utilization: give utilization or load_factor, not both
B/comments-only.cfg|1|name: missing required setting
@/empty.cfg|1|empty file
@/whitespace.cfg|1|empty file
@/binary.cfg|1|binary data (a NUL byte
tests/data/bad|-|is a directory
B/does-not-exist.cfg|-|cannot open: No such file or directory
'

# files that cannot be kept in the tree as they are: made here
: >"$tmp/empty.cfg"
printf ' \n\t\n   \n\n' >"$tmp/whitespace.cfg"
printf 'name = "Binary"; \000\001\002\377\nracks = 10;\n' >"$tmp/binary.cfg"
if command -v mkfifo >/dev/null 2>&1 && mkfifo "$tmp/fifo.cfg" 2>/dev/null; then
	cases="$cases
@/fifo.cfg|-|not a regular file"
fi

while IFS='|' read -r file line needle where; do
	[ -n "$file" ] || continue
	case $file in
	B/*) file=$B/${file#B/} ;;
	@/*) file=$tmp/${file#@/} ;;
	esac
	[ -n "$where" ] || where=$file
	run estimate "$file"
	c="bad $file"
	if [ "$rc" -ne 2 ]; then
		no "$c" "expected exit 2"
	elif [ -s "$OUT" ]; then
		no "$c" "expected nothing on stdout"
	elif [ "$line" = - ] && ! has "$ERR" "dcimpact: $where: "; then
		no "$c" "expected 'dcimpact: $where: ' on stderr"
	elif [ "$line" = - ] && grep -F -e "$where:" "$ERR" | grep -E ':[0-9]+: ' >/dev/null; then
		no "$c" "expected no line number"
	elif [ "$line" != - ] && ! has "$ERR" "dcimpact: $where:$line: "; then
		no "$c" "expected 'dcimpact: $where:$line: ' on stderr"
	elif ! has "$ERR" "$needle"; then
		no "$c" "expected '$needle' on stderr"
	else
		ok
	fi
done <<EOF
$cases
EOF

# every file in tests/data/bad is in the table
for f in "$B"/*.cfg; do
	case $cases in
	*"B/${f#"$B"/}|"*) ;;
	*) rc=-; no "bad $f" "not in the table of bad cases" ;;
	esac
done

# check reports every bad file, one line each, and prints no "ok"
set -- "$B"/*.cfg
run check "$@"
n=$(grep -c '^dcimpact: ' "$ERR")
if [ "$rc" -eq 2 ] && [ "$n" -eq $# ] && [ ! -s "$OUT" ]; then ok; else
	no "check tests/data/bad/*.cfg" "expected exit 2, $# errors (got $n), empty stdout"
fi

# a bad site among good ones: exit 2 and nothing printed for the good ones
for fmt in text csv json; do
	run estimate sites/hyperion.cfg "$B/pue-low.cfg" sites/colossus-1.cfg --format $fmt
	if [ "$rc" -eq 2 ] && [ ! -s "$OUT" ] && has "$ERR" "$B/pue-low.cfg:7: "; then ok; else
		no "good + bad sites ($fmt)" "expected exit 2, empty stdout, the bad file named"
	fi
done

# ---------------------------------------------------------------------------
# 2. Good paths, numbers worked by hand.
# ---------------------------------------------------------------------------
G=tests/data/good

# 100 inline racks, peak 100 kW, idle fraction 0.2, utilization 0.5:
#   rack average = 100 x (0.2 + 0.8 x 0.5) = 60 kW
#   x overhead 1.1 x PUE 1.25 = 82.5 kW at the meter, x 100 racks = 8.25 MW
#   x 8760 h = 72,270 MWh; IT peak 100 x 100 x 1.1 = 11 MW, facility 13.75 MW
num "inline100 energy_mwh" energy_mwh 72270 $G/inline100.cfg
num "inline100 energy_grid_mwh" energy_grid_mwh 72270 $G/inline100.cfg
num "inline100 it_mw" it_mw 11 $G/inline100.cfg
num "inline100 facility_mw" facility_mw 13.75 $G/inline100.cfg
num "inline100 facility_avg_mw" facility_avg_mw 8.25 $G/inline100.cfg
num "inline100 accelerators" accelerators 800 $G/inline100.cfg
run estimate $G/inline100.cfg
if [ "$rc" -eq 0 ] && has "$OUT" "Inline 100" && has "$OUT" "72,270"; then ok; else
	no "inline100 text" "expected exit 0, the name and 72,270 in the text"
fi
run estimate $G/inline100.cfg --format json
if [ "$rc" -eq 0 ] && has "$OUT" '"energy_mwh": 72270,' && has "$OUT" '"hours": 8760,'; then ok; else
	no "inline100 json" "expected \"energy_mwh\": 72270 and \"hours\": 8760"
fi

# 1000 MW at load factor 0.8: 1000 x 0.8 x 8760 = 7,008,000 MWh;
# 2028 is a leap year: 1000 x 0.8 x 8784 = 7,027,200 MWh
num "cap1000 energy_mwh" energy_mwh 7008000 $G/cap1000.cfg
num "cap1000 facility_mw" facility_mw 1000 $G/cap1000.cfg
num "cap1000 facility_avg_mw" facility_avg_mw 800 $G/cap1000.cfg
num "cap1000 --year 2027" energy_mwh 7008000 $G/cap1000.cfg --year 2027
num "cap1000 --year 2028" energy_mwh 7027200 $G/cap1000.cfg --year 2028
run estimate $G/cap1000.cfg --year 2028 --format json
if [ "$rc" -eq 0 ] && has "$OUT" '"hours": 8784,' && has "$OUT" '"year": 2028,'; then ok; else
	no "cap1000 --year 2028 json" "expected \"hours\": 8784 and \"year\": 2028"
fi

# phases: 500 MW from 2028, 1000 MW from 2030, load factor 0.5
num "phases full build-out" energy_mwh 4380000 $G/phases.cfg
num "phases --year 2027" energy_mwh 0 $G/phases.cfg --year 2027
num "phases --year 2029" energy_mwh 2190000 $G/phases.cfg --year 2029
num "phases --year 2031" energy_mwh 4380000 $G/phases.cfg --year 2031

# monthly PUE: 6 MW IT x (744 h x 2.0 + 8016 h x 1.0) = 57,024 MWh; peak 20 MW
num "monthly-pue energy_mwh" energy_mwh 57024 $G/monthly-pue.cfg
num "monthly-pue facility_mw" facility_mw 20 $G/monthly-pue.cfg

# supply: 52,560 MWh; on-site share 0.25 = 13,140; PPA 1 MW x 0.5 x 8760 =
# 4,380; grid 35,040
num "supply-mix energy_mwh" energy_mwh 52560 $G/supply-mix.cfg
num "supply-mix energy_onsite_mwh" energy_onsite_mwh 13140 $G/supply-mix.cfg
num "supply-mix energy_ppa_mwh" energy_ppa_mwh 4380 $G/supply-mix.cfg
num "supply-mix energy_grid_mwh" energy_grid_mwh 35040 $G/supply-mix.cfg

# @include "inc/common.cfg" resolves against the including file's folder
# (run from the repository root, where inc/common.cfg does not exist):
# 10 dgx-h100 racks at utilization 0.5, PUE 1.2 (figures from the catalog)
run estimate $G/with-include.cfg --format csv
got=$(csv_col racks)
if [ "$rc" -eq 0 ] && has "$OUT" '"With include"' && [ "$got" = 10 ]; then ok; else
	no "with-include" "expected exit 0 and 10 racks (got '$got')"
fi

# JSON of every bundled site: one object per site, each with every key
set -- sites/*.cfg
nsites=$#
run estimate "$@" --format json
if [ "$rc" -ne 0 ]; then
	no "estimate sites/*.cfg --format json" "expected exit 0"
else
	n=$(grep -c '^  {"site": ' "$OUT")
	if [ "$n" -eq "$nsites" ]; then ok; else
		no "json sites" "expected $nsites site objects, got $n"
	fi
	for key in site operator file lat lon state country rack grid year hours gwp \
	    racks accelerators h100_equivalents it_mw facility_mw facility_avg_mw \
	    energy_mwh energy_onsite_mwh energy_ppa_mwh energy_grid_mwh \
	    energy_backup_mwh co2_t co2e_t co2_market_t co2e_market_t ch4_t n2o_t \
	    nox_t so2_t pm25_t co_t voc_t hcho_t water_site_m3 water_upstream_m3 \
	    health_usd intensity_kg_per_mwh homes_equivalent cars_equivalent \
	    state_share energy_by_month_mwh by_source; do
		# top-level keys only: leave out the by_source and bases entries
		n=$(grep -v -e '^ *{"name": ' -e '"available": ' "$OUT" | awk -v k="\"$key\": " '
		    { s = $0; while ((i = index(s, k)) > 0) { n++; s = substr(s, i + length(k)) } }
		    END { print n + 0 }')
		if [ "$n" -eq "$nsites" ]; then ok; else
			no "json key $key" "expected $nsites, got $n"
		fi
	done
	# non-finite numbers must be written null: no bare nan or inf values
	if grep -E '(: |, |\[)-?(nan|inf)' "$OUT" >/dev/null; then
		no "json sites" "nan or inf in the JSON"
	else
		ok
	fi
fi

# CSV of every bundled site: a header and one row per site
run estimate "$@" --format csv
n=$(awk 'END { print NR }' "$OUT")
if [ "$rc" -eq 0 ] && [ "$n" -eq $((nsites + 1)) ]; then ok; else
	no "estimate sites/*.cfg --format csv" "expected exit 0 and $((nsites + 1)) lines, got $n"
fi

# --gwp: AR5 and AR6 weigh CH4 and N2O differently, so CO2e differs; CO2 not
run estimate sites/hyperion.cfg --format csv --gwp ar5
a5=$(csv_col co2e_t) c5=$(csv_col co2_t) r5=$rc
run estimate sites/hyperion.cfg --format csv --gwp ar6
a6=$(csv_col co2e_t) c6=$(csv_col co2_t)
if [ "$r5" -eq 0 ] && [ "$rc" -eq 0 ] && [ -n "$a5" ] && [ "$a5" != "$a6" ] &&
    [ "$c5" = "$c6" ]; then ok; else
	no "--gwp ar5 vs ar6" "co2e_t $a5 vs $a6 (should differ), co2_t $c5 vs $c6 (should not)"
fi
if has "$OUT" ',ar6,egrid-average,'; then ok; else no "--gwp ar6 csv" "expected ar6 in the gwp column"; fi

# --grid-factors marginal (0.1's name) is accepted and named by its basis
run estimate $G/cap1000.cfg --format csv --grid-factors marginal
if [ "$rc" -eq 0 ] && has "$OUT" ',egrid-nonbaseload,'; then ok; else
	no "--grid-factors marginal" "expected exit 0 and marginal in the CSV"
fi

# check: every bundled site and catalog
set -- sites/*.cfg estimator/racks.cfg emissions/*.cfg "$G"/*.cfg
run check "$@"
n=$(grep -c ': ok$' "$OUT")
# (test data may warn: monthly-pue.cfg has no grid region on purpose)
if [ "$rc" -eq 0 ] && [ "$n" -eq $# ] && ! grep -v -e '^dcimpact: warning: tests/' "$ERR" | grep -q .; then ok; else
	no "check bundled files" "expected exit 0 and $# ok lines, got $n"
fi

# the catalog listings in every format
for cmd in racks grids plants; do
	for fmt in text csv json; do
		run $cmd --format $fmt
		if [ "$rc" -eq 0 ] && [ -s "$OUT" ] && [ ! -s "$ERR" ]; then ok; else
			no "$cmd --format $fmt" "expected exit 0 and output"
		fi
	done
done
run racks --format json
if has "$OUT" '"id": "gb200-nvl72"'; then ok; else no "racks json" "expected gb200-nvl72"; fi

# ---------------------------------------------------------------------------
# 3. Usage
# ---------------------------------------------------------------------------
expect_rc "no command" 2
expect_rc "unknown command" 2 frobnicate
if has "$ERR" 'unknown command "frobnicate"'; then ok; else no "unknown command" "expected the command named"; fi
expect_rc "unknown option" 2 estimate --bogus sites/hyperion.cfg
expect_rc "--year abc" 2 estimate --year abc sites/hyperion.cfg
expect_rc "--year 1989" 2 estimate --year 1989 sites/hyperion.cfg
expect_rc "--year without value" 2 estimate sites/hyperion.cfg --year
expect_rc "--format xml" 2 estimate --format xml sites/hyperion.cfg
expect_rc "--gwp ar4" 2 estimate --gwp ar4 sites/hyperion.cfg
expect_rc "--grid-factors x" 2 estimate --grid-factors x sites/hyperion.cfg
expect_rc "option of another command" 2 estimate --dpi 300 sites/hyperion.cfg
expect_rc "estimate without files" 2 estimate
expect_rc "check without files" 2 check
expect_rc "racks --format xml" 2 racks --format xml
run estimate --format xml sites/hyperion.cfg
if [ ! -s "$OUT" ] && has "$ERR" "--format"; then ok; else
	no "--format xml message" "expected nothing on stdout, --format named on stderr"
fi
for h in --help -h help; do
	run $h
	if [ "$rc" -eq 0 ] && grep -i usage "$OUT" >/dev/null && [ ! -s "$ERR" ]; then ok; else
		no "$h" "expected exit 0 and usage on stdout"
	fi
done
run --version
if [ "$rc" -eq 0 ] && grep '^dcimpact [0-9]' "$OUT" >/dev/null; then ok; else
	no "--version" "expected exit 0 and \"dcimpact VERSION\""
fi
# exit 1: the estimate was made but could not be written (Linux /dev/full)
if [ -c /dev/full ] && [ -w /dev/full ]; then
	"$BIN" estimate $G/inline100.cfg >/dev/full 2>"$ERR"
	rc=$?
	if [ "$rc" -eq 1 ] && has "$ERR" "cannot write"; then ok; else
		no "estimate >/dev/full" "expected exit 1 and a message"
	fi
fi
# options may follow the files
num "options after files" energy_mwh 7027200 $G/cap1000.cfg --year 2028

# check validates sweep files: the bundled ones pass; a vary path that is
# no number of the site fails with the sweep's line and the path
run check sites/sweeps/pue-utilization.cfg sites/sweeps/uncertainty.cfg
if [ "$rc" -eq 0 ] && [ "$(grep -c ': ok$' "$OUT")" -eq 2 ]; then ok; else
	no "check sweeps" "expected exit 0 and 2 ok lines (exit $rc)"
fi
sw=$(mktemp -d)
printf 'sites = ( "%s/sites/hyperion.cfg" );\nvary = (\n  { path = "cooling.peu"; values = [ 1.1 ]; }\n);\n' \
    "$(pwd)" > "$sw/bad.cfg"
run check "$sw/bad.cfg"
if [ "$rc" -eq 2 ] && has "$ERR" "$sw/bad.cfg:3: vary[0].path: \"cooling.peu\" names no number" &&
    [ ! -s "$OUT" ]; then ok; else
	no "check bad sweep" "expected exit 2 and bad.cfg:3 vary[0].path (exit $rc)"
fi
rm -rf "$sw"

# --- a command line that explains itself (issue 15, points 10, 12, 13) -----
# every command's --help, -h and `help CMD` print its usage on stdout (exit 0)
for c in estimate report compare map batch merge export check racks grids plants; do
	run "$c" --help
	if [ "$rc" -eq 0 ] && has "$OUT" "usage: dcimpact $c" && [ ! -s "$ERR" ]; then
		ok; else no "$c --help" "expected its usage on stdout"; fi
	cp "$OUT" "$tmp/help1"
	run help "$c"
	if [ "$rc" -eq 0 ] && cmp -s "$OUT" "$tmp/help1"; then ok; else
		no "help $c" "expected the same text as $c --help"; fi
	# each option the command takes is in its help, and no other: an option
	# the command refuses says "is not an option of this command"
	for opt in year format gwp grid-factors grid-basis grid-scenario timeline \
	    output dpi sort projection layer paper jobs samples seed shard summary \
	    no-rows start catalog-uncertainty allow-include-outside health \
	    health-year; do
		case $opt in
		no-rows | catalog-uncertainty | allow-include-outside) run "$c" "--$opt" ;;
		*) run "$c" "--$opt" x ;;
		esac
		if has "$ERR" "is not an option of this command"; then taken=0; else taken=1; fi
		if grep -q -E -e "(^| )--$opt( |\$)" "$tmp/help1"; then listed=1; else listed=0; fi
		if [ "$taken" -eq "$listed" ]; then ok; else
			no "$c --help and --$opt" "taken $taken, listed in --help $listed"
		fi
	done
done
run estimate -h
if [ "$rc" -eq 0 ] && has "$OUT" "--samples N" && has "$OUT" "--allow-include-outside" &&
    has "$OUT" "--grid-factors" && has "$OUT" "-q, --quiet"; then ok; else
	no "estimate -h" "expected --samples, --allow-include-outside, --grid-factors, -q"; fi
run compare --help
if has "$OUT" "--paper a4|letter" && has "$OUT" "--gwp" && has "$OUT" "--samples"; then
	ok; else no "compare --help" "expected --paper, --gwp, --samples"; fi
run --help
if [ "$rc" -eq 0 ] && has "$OUT" "64 sites" && has "$OUT" "16 supply entries"; then
	ok; else no "--help" "expected the limits (64 sites, 16 supply entries)"; fi
expect_rc "help of no command" 2 help nope
run estimate --nope
if [ "$rc" -eq 2 ] && has "$ERR" "dcimpact estimate --help"; then ok; else
	no "usage error" "expected a pointer to dcimpact estimate --help"; fi

# say what was written, unless -q; X.PDF is a PDF; a folder as -o exits 2
w=$tmp/wrote
mkdir "$w"
run report sites/hyperion.cfg -o "$w/r.PDF"
if [ "$rc" -eq 0 ] && has "$ERR" "dcimpact: wrote $w/r.PDF (" &&
    has "$ERR" "pages)" && [ "$(head -c 4 "$w/r.PDF")" = "%PDF" ]; then ok; else
	no "report -o r.PDF" "expected a PDF and 'wrote ... (N pages)'"; fi
run compare sites/hyperion.cfg sites/colossus-1.cfg -o "$w/c.png"
if [ "$rc" -eq 0 ] && has "$ERR" "wrote $w/c-1.png to $w/c-" &&
    [ "$(grep -c wrote "$ERR")" -eq 1 ]; then ok; else
	no "compare -o c.png" "expected one line 'wrote c-1.png to c-N.png (N pages)'"; fi
run map sites/hyperion.cfg -q -o "$w/m.svg"
if [ "$rc" -eq 0 ] && [ ! -s "$ERR" ] && [ -s "$w/m.svg" ]; then ok; else
	no "map -q" "expected nothing on stderr"; fi
mkdir "$w/dir.pdf"
run report sites/hyperion.cfg -o "$w/dir.pdf"
if [ "$rc" -eq 2 ] && has "$ERR" "dir.pdf: is a directory"; then ok; else
	no "report -o DIR" "expected exit 2 and 'is a directory'"; fi
run estimate sites/hyperion.cfg
if [ "$rc" -eq 0 ] && [ ! -s "$ERR" ]; then ok; else
	no "estimate" "expected nothing on stderr"; fi

# warnings: zero racks, --year before the first phase, a US site without a
# grid region; none under -q, and the estimate is still made
sed 's/^capacity_mw = 1000;/capacity_mw = 0.01;/' tests/data/good/cap1000.cfg >"$w/tiny.cfg"
run estimate "$w/tiny.cfg"
if [ "$rc" -eq 0 ] && has "$ERR" "warning: $w/tiny.cfg:4: capacity_mw gives" &&
    has "$ERR" "less than one"; then ok; else
	no "zero racks" "expected a warning at tiny.cfg:4"; fi
run estimate -q "$w/tiny.cfg"
if [ "$rc" -eq 0 ] && [ ! -s "$ERR" ] && [ -s "$OUT" ]; then ok; else
	no "zero racks -q" "expected no warning"; fi
run estimate sites/hyperion.cfg --year 2020
if [ "$rc" -eq 0 ] && has "$ERR" "warning: sites/hyperion.cfg:" &&
    has "$ERR" "--year 2020 is before the first phase"; then ok; else
	no "year before the first phase" "expected a warning"; fi
grep -v '^supply' tests/data/good/cap1000.cfg >"$w/nogrid.cfg"
run estimate "$w/nogrid.cfg"
if [ "$rc" -eq 0 ] && has "$ERR" "warning: $w/nogrid.cfg:3: no grid region" &&
    has "$ERR" "state LA"; then ok; else
	no "US site without a grid region" "expected a warning at nogrid.cfg:3"; fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
