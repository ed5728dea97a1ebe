#!/bin/sh
# Run every cmocka suite and the command-line tests; print one summary line.
# The suites run in TEST_JOBS lanes at once (default: the CPU count), each
# suite's output printed whole when it ends; every suite works in its own
# temporary folder, so they do not meet.
build=$1; shift
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
logs=$(mktemp -d "${TMPDIR:-/tmp}/dcimpact-run.XXXXXX") || exit 2
trap 'rm -rf "$logs"' 0
trap 'exit 2' HUP INT TERM

# the longest first, so the lanes end close together
suites="tests/cli.sh tests/shard.sh tests/cli_charts.sh tests/cli_map.sh
tests/cli_plots.sh tests/cli_grid.sh $* tests/install.sh tests/cli_embodied.sh
tests/cli_health.sh tests/cli_catalogs.sh tests/cli_readme.sh"

# a lane runs each suite it claims first (mkdir is atomic), in list order
lane() {
	k=0
	for s in $suites; do
		if mkdir "$logs/$k.claim" 2>/dev/null; then
			case $s in
			*.sh) sh "$s" "$build/dcimpact" >"$logs/$k.out" 2>&1 ;;
			*) ./"$s" >"$logs/$k.out" 2>&1 ;;
			esac
			echo $? >"$logs/$k.rc"
			cat "$logs/$k.out"
		fi
		k=$((k + 1))
	done
}

l=0
while [ $l -lt "$jobs" ]; do
	lane &
	l=$((l + 1))
done
wait

pass=0; fail=0; k=0
for s in $suites; do
	if [ "$(cat "$logs/$k.rc" 2>/dev/null)" = 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAILED: $s"
	fi
	k=$((k + 1))
done
echo "suites: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
