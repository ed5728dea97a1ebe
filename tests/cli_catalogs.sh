#!/bin/sh
# Command-line tests of the plant catalog: no recalled value listed without
# "unverified" in its sources, machines listed with base and heat rate,
# and a bad machine row reported at its line.
#
# usage (from the repository root): sh tests/cli_catalogs.sh build/dcimpact
BIN=${1:?usage: sh tests/cli_catalogs.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
SUITE=cli_catalogs
. tests/lib.sh

run plants
cp "$OUT" "$tmp/plants.txt"
if [ "$rc" -eq 0 ] && [ ! -s "$ERR" ]; then ok; else no "plants" "expected exit 0"; fi

# every line of the listing that says "recalled" also says "unverified"
n=$(grep -i 'recalled' "$tmp/plants.txt" | grep -vc 'unverified')
if [ "$n" -eq 0 ]; then ok; else
	no "recalled without unverified" "$n lines of 'dcimpact plants' name a recalled value without 'unverified'"
	grep -i 'recalled' "$tmp/plants.txt" | grep -v 'unverified' | cut -c1-160 | sed 's/^/    /'
fi

# every plant whose entry in plants.cfg holds a value marked [RECALLED] has
# "unverified" in the sources the listing prints for it
ids=$(awk '
	/^technologies = \(/ { done = 1 }
	done { next }
	/^  \{ id = "/ { split($0, a, "\""); id = a[2] }
	/\[RECALLED\]/ && id != "" { print id }' emissions/plants.cfg | sort -u)
if [ -n "$ids" ]; then ok; else no "recalled ids" "expected entries marked [RECALLED] in plants.cfg"; fi
for id in $ids; do
	if grep "^  $id: " "$tmp/plants.txt" | grep -q 'unverified'; then ok; else
		no "$id sources" "plants.cfg marks a value of $id [RECALLED]; its listed sources lack 'unverified'"
	fi
done

# the machines, with their base and own heat rate
run plants --format csv
for row in 'titan-130,"Solar Titan 130 (SMT-130 mobile / PGM-130 package), 16.5 MW ISO",sc-aero,gas,10.66,' \
    'titan-350,"Solar Titan 350, 38 MW ISO",sc-aero,gas,9.4,' \
    'lm6000-pf-plus,"GE LM6000 PF+ class aeroderivative (LM6000VELOX), 56.9 MW",sc-aero,gas,9.21,' \
    'lm2500xpress,"GE LM2500XPRESS aeroderivative, 34 MW simple cycle",sc-aero,gas,9.56,' \
    'diesel-uncontrolled,"Large diesel generator set (>600 hp), uncontrolled, AP-42 3.4",,diesel,9.881,' \
    'diesel-tier2,"Large diesel generator set, EPA Tier 2 (>560 kW), at the limits of 40 CFR 89.112",,diesel,9.881,163.05,0.0066139,0.0013228,1.50308,'; do
	if has "$OUT" "$row"; then ok; else no "plants csv" "expected the row $row"; fi
done
if command -v python3 >/dev/null 2>&1; then
	run plants --format json
	if python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert any(p["base"] == "sc-aero" for p in d)' "$OUT"; then
		ok; else no "plants json" "expected valid JSON with machines"
	fi
fi

# the bundled sites that name diesel-tier2 as backup still check
for f in $(grep -l 'plant = "diesel-tier2"' sites/*.cfg); do
	run check "$f"
	if [ "$rc" -eq 0 ]; then ok; else no "check $f" "expected exit 0 (backup diesel-tier2)"; fi
done

# a machine whose base is unknown: the catalog is refused at that line
mkdir "$tmp/cat"
cp emissions/*.cfg "$tmp/cat/"
sed 's/base = "sc-aero"; name = "Solar Titan 350/base = "sc-aero2"; name = "Solar Titan 350/' \
    emissions/plants.cfg >"$tmp/cat/plants.cfg"
line=$(grep -n 'base = "sc-aero2"' "$tmp/cat/plants.cfg" | cut -d: -f1)
run check "$tmp/cat/plants.cfg"
if [ "$rc" -ne 0 ] && has "$ERR" "plants.cfg:$line:" && has "$ERR" 'unknown plant "sc-aero2"'; then ok; else
	no "unknown base" "expected an error at plants.cfg:$line naming sc-aero2"
fi

echo "cli_catalogs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
