#!/bin/sh
# Run every cmocka suite and the command-line tests; print one summary line.
build=$1; shift
pass=0; fail=0
for t in "$@"; do
	if ./"$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
for script in tests/cli.sh tests/cli_health.sh tests/cli_grid.sh tests/cli_readme.sh tests/cli_map.sh tests/cli_plots.sh tests/cli_charts.sh tests/cli_embodied.sh tests/cli_catalogs.sh tests/shard.sh tests/install.sh; do
	if sh "$script" "$build/dcimpact"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $script"; fi
done
echo "suites: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
