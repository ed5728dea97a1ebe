#!/bin/sh
# Command-line tests of health damages by place and the COBRA export:
# JSON keys, EPA's national values reproduced exactly, the national fallback
# outside the EASIUR grid, and the export's county and tonnes.
#
# usage (from the repository root): sh tests/cli_health.sh build/dcimpact
BIN=${1:?usage: sh tests/cli_health.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
SUITE=cli_health
. tests/lib.sh

# expect_rc CASE CODE ARGS...: the program exits with CODE
expect_rc() {
	_case=$1 _want=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$_want" ]; then ok; else no "$_case" "expected exit $_want"; fi
}

# json_num KEY: the first number of "KEY": in $OUT
json_num() {
	sed -n "s/.*\"$1\": \\(-*[0-9][0-9.e+-]*\\).*/\\1/p" "$OUT" | head -n 1
}

# 1. Colossus 1 in Memphis: EASIUR cell (94, 44) of the hand-worked test
#    (tests/test_health.c), on-site and grid parts that add up
run estimate sites/colossus-1.cfg --format json --health-year 2026
on=$(json_num health_onsite_usd)
grid=$(json_num health_grid_usd)
tot=$(json_num health_usd)
if [ "$rc" -eq 0 ] && has "$OUT" '"health_method": "easiur"' &&
    has "$OUT" '"easiur_cell": [94, 44]' && has "$OUT" '"county_fips": "47157"' &&
    has "$OUT" '"health_dollar_year": 2025' && has "$OUT" '"damage_usd_per_t": {"site_ground": {"pm25": ' &&
    awk -v a="$on" -v b="$grid" -v t="$tot" 'BEGIN { d = a + b - t; exit !(a > 0 && b > 0 && d * d < 1e-6 * t * t) }'; then ok; else
	no "colossus-1 health json" "expected easiur, cell [94, 44], 47157, 2025 dollars and onsite + grid = total"
fi
# PM2.5 at the cell, population 2026, income 2024, 2025$: 199,861.93 (test_health.c)
pm=$(sed -n 's/.*"site_ground": {"pm25": \([0-9.e+]*\).*/\1/p' "$OUT")
if awk -v v="$pm" 'BEGIN { exit !(v > 199861.9 && v < 199862.0) }'; then ok; else
	no "colossus-1 pm25 damage" "expected 199861.93 \$/t, got $pm"
fi

# 2. --health epa-bpt: version 0.1's figure to the digit (2015 dollars), for
#    Colossus 1 as 0.1 bundled it
run estimate tests/data/good/colossus-1-v0.1.cfg --format json --health epa-bpt
if [ "$rc" -eq 0 ] && has "$OUT" '"health_usd": 32110776.3,' &&
    has "$OUT" '"health_method": "epa-bpt"' && has "$OUT" '"health_dollar_year": 2015'; then ok; else
	no "epa-bpt" "expected health_usd 32110776.3 in 2015 dollars"
fi
expect_rc "bad --health" 2 estimate sites/colossus-1.cfg --health bogus
if has "$ERR" "--health: expected easiur or epa-bpt (got bogus)" && [ ! -s "$OUT" ]; then ok; else
	no "bad --health message" "expected the valid names and no stdout"
fi

# 3. Outside the grid: France and Alaska estimate, with the national fallback
cat > "$tmp/fr.cfg" <<'CFG'
name = "Paris test"; location = { lat = 48.85; lon = 2.35; country = "FR"; };
capacity_mw = 100.0;
hardware = { rack = "dgx-h100"; utilization = 0.7; overhead = 0.08; };
cooling = { pue = 1.2; wue_l_per_kwh = 0.2; };
CFG
cat > "$tmp/ak.cfg" <<'CFG'
name = "Alaska test"; location = { lat = 61.2; lon = -149.9; state = "AK"; country = "US"; };
capacity_mw = 100.0;
hardware = { rack = "dgx-h100"; utilization = 0.7; overhead = 0.08; };
cooling = { pue = 1.2; wue_l_per_kwh = 0.2; };
supply = ( { kind = "grid"; region = "AKGD"; } );
CFG
for f in fr ak; do
	run estimate "$tmp/$f.cfg" --format json
	if [ "$rc" -eq 0 ] && has "$OUT" '"health_method": "national-fallback"' &&
	    has "$OUT" '"easiur_cell": null'; then ok; else
		no "$f fallback json" "expected national-fallback and no cell"
	fi
	run estimate "$tmp/$f.cfg"
	if [ "$rc" -eq 0 ] && has "$OUT" "health: national fallback: the site is outside the EASIUR grid"; then ok; else
		no "$f fallback text" "expected the fallback stated"
	fi
done

# 4. COBRA export of Colossus 1: Shelby County, TN (47157); its NOx equals the
#    estimate's on-site plus backup NOx in short tons
run estimate sites/colossus-1.cfg --format json
nox=$(awk '/"kind": "(onsite|backup)"/ { if (match($0, /"nox_t": [0-9.e+]*/)) s += substr($0, RSTART + 9, RLENGTH - 9) }
    END { printf "%.6f", s / 0.90718474 }' "$OUT")
run export sites/colossus-1.cfg --format cobra -o "$tmp/c1.csv"
got=$(awk -F, '/^typeindx/ { h = 1; next } h && !/^#/ { s += $8 } END { printf "%.6f", s }' "$tmp/c1.csv")
if [ "$rc" -eq 0 ] && [ ! -s "$OUT" ] && has "$tmp/c1.csv" "Shelby, TN (FIPS 47157" &&
    grep -q '^2,2473,47,157,1,3,1,' "$tmp/c1.csv" &&
    awk -v a="$nox" -v b="$got" 'BEGIN { d = a - b; exit !(a > 0 && d * d < 1e-10) }'; then ok; else
	no "cobra export" "expected Shelby 47157, sourceindx 2473, NOx $nox short tons (got $got)"
fi
if has "$tmp/c1.csv" "EPA AVERT" && has "$tmp/c1.csv" "typeindx,sourceindx,stid,cyid,TIER1,TIER2,TIER3,NOx,SO2,NH3,PM25,VOC"; then ok; else
	no "cobra header" "expected COBRA's columns and the AVERT note"
fi
# a site with backup generators gets a diesel row (industrial engines, 2-5-99)
run export sites/prometheus.cfg --format cobra -o "$tmp/p.csv"
if [ "$rc" -eq 0 ] && grep -q '^2,2034,39,49,2,5,99,' "$tmp/p.csv"; then ok; else
	no "cobra backup row" "expected Franklin County, OH (2034, 39 049) and a 2-5-99 row"
fi
# bad uses: exit 2, nothing written
expect_rc "export no format" 2 export sites/colossus-1.cfg -o "$tmp/x.csv"
expect_rc "export json" 2 export sites/colossus-1.cfg --format json -o "$tmp/x.csv"
run export "$tmp/fr.cfg" --format cobra -o "$tmp/x.csv"
if [ "$rc" -eq 2 ] && has "$ERR" "fr.cfg:1: location: not in a US county" && [ ! -e "$tmp/x.csv" ]; then ok; else
	no "export outside the US" "expected exit 2, file:line and no file"
fi

echo "cli_health: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
