#!/bin/sh
# Command-line tests of embodied emissions: every bundled site reports the
# three keys (a number, or unknown for a rack without a figure, never 0),
# the fleet scenarios report their hardware, `dcimpact racks` lists each
# rack's figure with its source, and bad settings fail at their line.
#
# usage (from the repository root): sh tests/cli_embodied.sh build/dcimpact
BIN=${1:?usage: sh tests/cli_embodied.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
SUITE=cli_embodied
. tests/lib.sh

# every bundled site: the three keys in JSON, numbers or null, never 0
for f in sites/*.cfg; do
	run estimate "$f" --format json
	if [ "$rc" -ne 0 ]; then no "$f" "estimate failed"; continue; fi
	bad=0
	for k in embodied_co2e_t embodied_co2e_t_per_year embodied_share; do
		v=$(sed -n "s/.*\"$k\": *\([^,}]*\).*/\1/p" "$OUT" | head -n 1)
		case $v in
		'') no "$f $k" "key missing"; bad=1 ;;
		0|0.0) no "$f $k" "0 (expected a figure or null)"; bad=1 ;;
		esac
	done
	[ "$bad" -eq 0 ] && ok
done

# the fleet scenarios report their hardware's embodied CO2e (a number)
for f in sites/xai-50m-h100e.cfg sites/openai-100m-chips.cfg; do
	run estimate "$f" --format json
	v=$(sed -n 's/.*"embodied_co2e_t": *\([0-9][0-9.e+]*\).*/\1/p' "$OUT" | head -n 1)
	[ -n "$v" ] && ok || no "$f" "expected a number for embodied_co2e_t"
done

# racks: every rack has a figure in t CO2e and its source
run racks
if [ "$rc" -eq 0 ] && has "$OUT" "embodied t CO2e" &&
    has "$OUT" "cradle-to-gate" && has "$OUT" "HGX H100 PCF Summary" &&
    has "$OUT" "HGX B200 PCF Summary" && ! has "$OUT" " unknown"; then ok; else
	no "racks" "expected an embodied column with sources"
fi
run racks --format csv
n=$(awk -F, 'NR > 1 && $12 != ""' "$OUT" | wc -l)
[ "$rc" -eq 0 ] && has "$OUT" "embodied_kg_mode" && [ "$n" -eq 8 ] && ok ||
    no "racks csv" "expected embodied_kg_mode for 8 racks (got $n)"

# DGX H100 x 100 systems, by hand: hardware 100 x 3,693 kg = 369.3 t;
# buildings 1.02 MW x 692.045 t = 705.8859 t; total 1,075.1859 t; per year
# 369.3 / 5 + 705.8859 / 20 = 73.86 + 35.294295 = 109.154295 t
cat >"$tmp/dgx.cfg" <<'CFG'
name = "DGX"; location = { lat = 32.4; lon = -91.7; country = "US"; };
racks = 100;
hardware = { rack = "dgx-h100"; utilization = 0.5; };
cooling = { pue = 1.0; wue_l_per_kwh = 0.0; };
supply = ( { kind = "grid"; region = "US"; } );
CFG
run estimate "$tmp/dgx.cfg" --format csv
got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "embodied_co2e_t") c = i }
    NR == 2 { print $c }' "$OUT")
[ "$got" = "1075.1859" ] && ok || no "dgx embodied" "expected 1075.1859 t (got '$got')"
got=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "embodied_co2e_t_per_year") c = i }
    NR == 2 { print $c }' "$OUT")
[ "$got" = "109.154295" ] && ok || no "dgx per year" "expected 109.154295 t (got '$got')"

# an inline rack without embodied_kg: unknown (null), never 0
cat >"$tmp/inline.cfg" <<'CFG'
name = "Inline"; location = { lat = 32.4; lon = -91.7; country = "US"; };
racks = 10;
hardware = { rack = { name = "r"; peak_kw = 100.0; idle_fraction = 0.2;
  accelerators = 8; accelerator_w = 1000; h100_per_accelerator = 1.0; };
  utilization = 0.5; };
cooling = { pue = 1.0; wue_l_per_kwh = 0.0; };
supply = ( { kind = "grid"; region = "US"; } );
CFG
run estimate "$tmp/inline.cfg" --format json
[ "$rc" -eq 0 ] && has "$OUT" '"embodied_co2e_t": null' && ok ||
    no "inline unknown" "expected embodied_co2e_t null"

# bad settings: exit 2, FILE:LINE: setting
sed 's/utilization = 0.5; };/utilization = 0.5; lifetime_years = 90; };/' \
    "$tmp/dgx.cfg" >"$tmp/life.cfg"
run estimate "$tmp/life.cfg"
[ "$rc" -eq 2 ] && has "$ERR" "life.cfg:3: hardware.lifetime_years" && ok ||
    no "lifetime 90" "expected exit 2 at line 3"
sed 's/utilization = 0.5; };/utilization = 0.5; manufacturing_grid = "az"; };/' \
    "$tmp/dgx.cfg" >"$tmp/mg.cfg"
run estimate "$tmp/mg.cfg"
[ "$rc" -eq 2 ] && has "$ERR" "mg.cfg:3: hardware.manufacturing_grid" && ok ||
    no "manufacturing_grid az" "expected exit 2 at line 3"

printf 'cli_embodied: %d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
