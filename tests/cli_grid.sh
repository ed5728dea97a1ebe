#!/bin/sh
# Command-line tests of the grid bases: every bundled US site reports all
# six, --grid-basis and --grid-scenario, --year moves Cambium, overrides.
#
# usage (from the repository root): sh tests/cli_grid.sh build/dcimpact
BIN=${1:?usage: sh tests/cli_grid.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
SUITE=cli_grid
. tests/lib.sh

# every bundled site on an eGRID subregion has all six bases
for f in sites/colossus-1.cfg sites/colossus-2.cfg sites/hyperion.cfg \
    sites/stargate-abilene.cfg sites/fairwater.cfg sites/prometheus.cfg sites/rainier.cfg; do
	run estimate "$f" --format json
	n=$(grep -c '"available": true' "$OUT")
	if [ "$rc" -eq 0 ] && [ "$n" -eq 6 ]; then ok; else
		no "$f bases" "expected 6 available bases, got $n"
	fi
done
# the fleet scenarios on the national eGRID total: the eGRID bases only
run estimate sites/xai-50m-h100e.cfg --format json
if [ "$rc" -eq 0 ] && has "$OUT" '"avert-marginal": {"available": false' &&
    has "$OUT" '"egrid-average": {"available": true'; then ok; else
	no "national grid bases" "expected AVERT unavailable on the US total"
fi

# Colossus 1: AVERT TN differs from eGRID SRTV (NOx, CO2e), side by side
run estimate sites/colossus-1.cfg --format csv
eg=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "nox_egrid_average_t") c = i } NR == 2 { print $c }' "$OUT")
av=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "nox_avert_t") c = i } NR == 2 { print $c }' "$OUT")
if [ "$rc" -eq 0 ] && [ -n "$eg" ] && [ -n "$av" ] && [ "$eg" != "$av" ]; then ok; else
	no "colossus-1 avert vs egrid nox" "expected two different NOx figures (egrid $eg, avert $av)"
fi

# --grid-basis sets the headline figures; Cambium moves with --year
run estimate sites/hyperion.cfg --year 2030 --grid-basis cambium-lrmer --grid-scenario MidCase --format json
if [ "$rc" -eq 0 ] && has "$OUT" '"grid_basis": "cambium-lrmer"' && has "$OUT" '"grid_year": 2030' &&
    has "$OUT" '"grid_basis_fallback": false'; then ok; else
	no "hyperion cambium-lrmer 2030" "expected the basis, year 2030 and no fallback"
fi
c30=$(sed -n 's/.*"co2e_t": \([0-9.e+]*\),.*/\1/p' "$OUT" | head -n 1)
run estimate sites/hyperion.cfg --year 2040 --grid-basis cambium-lrmer --format json
c40=$(sed -n 's/.*"co2e_t": \([0-9.e+]*\),.*/\1/p' "$OUT" | head -n 1)
if [ "$rc" -eq 0 ] && [ -n "$c30" ] && [ "$c30" != "$c40" ]; then ok; else
	no "cambium by year" "expected 2030 and 2040 to differ ($c30, $c40)"
fi
run estimate sites/hyperion.cfg --grid-basis cambium-lrmer --grid-scenario Foo
if [ "$rc" -eq 2 ] && [ ! -s "$OUT" ] &&
    has "$ERR" 'unknown Cambium scenario "Foo" (expected one of MidCase, LowRECost, HighRECost'; then ok; else
	no "unknown scenario" "expected exit 2 naming the valid scenarios"
fi
run estimate sites/hyperion.cfg --grid-basis hourly
if [ "$rc" -eq 2 ] && has "$ERR" "--grid-basis: expected egrid-average"; then ok; else
	no "unknown basis" "expected exit 2 and the valid names"
fi
# a basis that does not apply falls back to eGRID average and says so
run estimate sites/xai-50m-h100e.cfg --grid-basis avert-marginal
if [ "$rc" -eq 0 ] && has "$OUT" "grid basis avert-marginal (not available here: egrid-average used)"; then ok; else
	no "basis fallback" "expected the fallback stated"
fi

# grid_regions: an override wins; an unknown name is FILE:LINE
{ cat sites/colossus-1.cfg; printf 'grid_regions = { avert = "SE"; cambium = "MISO_South"; };\n'; } > "$tmp/ov.cfg"
run estimate "$tmp/ov.cfg"
if [ "$rc" -eq 0 ] && has "$OUT" "AVERT region SE; Cambium GEA MISO_South"; then ok; else
	no "override" "expected AVERT SE and MISO_South"
fi
line=$(($(wc -l < sites/colossus-1.cfg) + 1))
{ cat sites/colossus-1.cfg; printf 'grid_regions = { avert = "Memphis"; };\n'; } > "$tmp/bad.cfg"
run estimate "$tmp/bad.cfg"
if [ "$rc" -eq 2 ] && [ ! -s "$OUT" ] &&
    has "$ERR" "bad.cfg:$line: grid_regions.avert: unknown AVERT region \"Memphis\" (expected one of CA, CENT"; then ok; else
	no "unknown override" "expected exit 2 with bad.cfg:$line"
fi

# a sweep over grid settings: every row as estimate computes it under that
# basis, Cambium scenario and year (6 significant digits: within 5e-6)
cat > "$tmp/grid.cfg" <<EOF
sites = ( "$(pwd)/sites/hyperion.cfg", "$(pwd)/sites/colossus-2.cfg" );
vary = (
  { path = "grid_basis"; values = [ "egrid-average", "avert-marginal", "cambium-lrmer" ]; },
  { path = "grid_scenario"; values = [ "MidCase", "HighRECost" ]; },
  { path = "year"; values = [ 2028, 2030 ]; } );
EOF
run batch "$tmp/grid.cfg" -o "$tmp/grid.csv" --summary "$tmp/grid-sum.csv"
if [ "$rc" -eq 0 ] && [ "$(wc -l < "$tmp/grid.csv")" -eq 25 ] &&
    has "$tmp/grid.csv" '11,"Hyperion","cambium-lrmer","HighRECost",2030,31315,' &&
    has "$tmp/grid-sum.csv" '"Colossus 2","avert-marginal","MidCase",2028,co2e_t,1,'; then ok; else
	no "grid sweep" "expected 24 rows and the settings named in rows and summary"
fi
i=2
while [ $i -le 25 ]; do
	set -- $(sed -n "${i}p" "$tmp/grid.csv" | awk -F, '{ gsub(/"/, "")
		print ($2 == "Hyperion" ? "hyperion" : "colossus-2"), $3, $4, $5 }')
	"$BIN" estimate "sites/$1.cfg" --grid-basis "$2" --grid-scenario "$3" \
	    --year "$4" --format csv > "$tmp/one.csv" 2>/dev/null
	bad=$(awk -F, -v row=$i '
	function same(a, b,   d) { if (a == "" || b == "") return a == b
		d = a - b; if (d < 0) d = -d; return d <= 5e-6 * (b < 0 ? -b : b) }
	NR == FNR { if (FNR == 1) for (c = 6; c <= NF; c++) h[c] = $c
		if (FNR == row) for (c = 6; c <= NF; c++) want[h[c]] = $c
		next }
	FNR == 1 { for (c = 1; c <= NF; c++) k[c] = $c; next }
	FNR == 2 { for (c = 1; c <= NF; c++) if (k[c] in want) { n++
		if (!same(want[k[c]], $c)) print k[c] ": batch " want[k[c]] ", estimate " $c }
		if (n != 42) print n " columns compared, expected 42" }' "$tmp/grid.csv" "$tmp/one.csv")
	if [ -z "$bad" ]; then ok; else
		no "grid sweep row $((i - 1))" "$1 $2 $3 $4: $(echo "$bad" | head -n 2 | tr '\n' ';')"
	fi
	i=$((i + 1))
done
# the settings move the figures: Hyperion's Cambium LRMER CO2e in 2030
# under MidCase and HighRECost (column 18, co2e_t), its racks by phase
a=$(awk -F, '$1 == 9 { print $18 }' "$tmp/grid.csv")
b=$(awk -F, '$1 == 11 { print $18 }' "$tmp/grid.csv")
if [ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] &&
    has "$tmp/grid.csv" '0,"Hyperion","egrid-average","MidCase",2028,12526,'; then ok; else
	no "grid sweep differs" "expected MidCase and HighRECost 2030 to differ ($a, $b)"
fi
# an unknown name in a sweep: exit 2 at its line, naming the valid ones
printf 'sites = ( "%s/sites/hyperion.cfg" );\nvary = ( { path = "grid_scenario";\n  values = [ "Mid" ]; } );\n' \
    "$(pwd)" > "$tmp/badgrid.cfg"
run batch "$tmp/badgrid.cfg" -o "$tmp/bad.csv"
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/bad.csv" ] &&
    has "$ERR" 'badgrid.cfg:3: vary[0].values: unknown Cambium scenario "Mid" (expected one of MidCase'; then ok; else
	no "grid sweep unknown scenario" "expected exit 2 at badgrid.cfg:3"
fi
# 6 bases x 8 scenarios x 111 years = 5,328 kernels for one site: refused
# at the first grid setting's line, before any is made
printf 'sites = ( "%s/sites/hyperion.cfg" );\nvary = ( { path = "grid_basis"; values = [ "egrid-average", "avert-marginal", "cambium-lrmer", "cambium-average", "cambium-srmer", "egrid-nonbaseload" ]; },\n  { path = "grid_scenario"; values = [ "MidCase", "LowRECost", "HighRECost", "HighDemandGrowth", "LowNGPrice", "HighNGPrice", "LowRECost_HighNGPrice", "HighRECost_LowNGPrice" ]; },\n  { path = "year"; from = 1990; to = 2100; steps = 111; } );\n' \
    "$(pwd)" > "$tmp/many.cfg"
run batch "$tmp/many.cfg" --no-rows --summary "$tmp/many.csv"
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/many.csv" ] && [ ! -e "$tmp/many.csv.sketch" ] &&
    has "$ERR" 'many.cfg:2: vary: 5328 combinations of grid settings x 1 site(s) need 5328 kernels (at most 4096)'; then ok; else
	no "grid sweep too large" "expected exit 2 at many.cfg:2"
fi
run check "$tmp/badgrid.cfg"
if [ "$rc" -eq 2 ] && [ ! -s "$OUT" ] && has "$ERR" 'badgrid.cfg:3: vary[0].values: unknown Cambium scenario "Mid"'; then ok; else
	no "check grid sweep" "expected check to refuse the unknown scenario at badgrid.cfg:3"
fi
run check sites/sweeps/grid-bases.cfg
if [ "$rc" -eq 0 ] && has "$OUT" "grid-bases.cfg: ok"; then ok; else
	no "check grid-bases.cfg" "expected the bundled grid sweep to pass check"
fi

echo "cli_grid: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
