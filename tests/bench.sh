#!/bin/sh
# Benchmarks of dcimpact (`make bench`): wall time, throughput and peak RSS.
#
#   (a) one site estimate as a whole process: median of BENCH_RUNS runs
#   (b) BENCH_MC Monte Carlo scenarios of one bundled site with --no-rows
#       (summary only) at -j1 and -j2, and the speed-up -j2 / -j1
#   (c) BENCH_ROWS scenarios streamed to a CSV file at -j2 (rows/s, MB/s)
#   (b), (c) and (e) are the median of BENCH_REPS runs (3): a shared
#       machine's clock moves between runs
#   (d) the comparison PDF of the bundled sites (median of 5 runs)
#   (d2) the comparison of the Python reference's 8 sites to PNG (150 dpi)
#       and the reference's `report.py OUT.pdf --png` (its PDF and 6 PNG
#       pages at 150 dpi) in the same run, paired, median of 5 runs each, and
#       the ratio (issue 15's target: dcimpact at least 10x faster); the
#       reference needs /usr/bin/python3 (or BENCH_PY) with matplotlib and
#       pandas (Debian: python3-matplotlib python3-pandas, and
#       python3-pyproj for its projected map), else it is skipped
#   (e) BENCH_BIG scenarios with --no-rows, -j2: rate and peak RSS
#       (target < 64 MB)
#   (f) the Python reference's batch.py, and the ratio to (b) and (e)
#
# usage (from the repository root): sh tests/bench.sh ./dcimpact
# BENCH_ONLY="d2" (or "a d2 f", spaces or commas) runs only those cases.
# Environment: BENCH_RUNS (20), BENCH_MC (10000000), BENCH_ROWS (1000000),
# BENCH_BIG (100000000; 0 skips (e), about 2.5 s a run on 2 cores),
# BENCH_REPS (3),
# BENCH_SITE (sites/hyperion.cfg), BENCH_PY_N (10000000), BENCH_PY (python3
# with numpy: /usr/bin/python3, else python3 on PATH), BENCH_PY_REF (the
# reference's folder, ../shared/bench/python_ref).
# Peak RSS comes from GNU time (/usr/bin/time -f %M, Debian package `time`);
# without it, from polling VmHWM in /proc/PID/status (approximate for runs
# shorter than 0.1 s). Times need GNU date (+%N). The 1-minute load average
# is shown next to each figure: other work on the machine skews them.
# Exits 1 if a command failed or (e) exceeded 64 MB.

BIN=${1:?usage: sh tests/bench.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
RUNS=${BENCH_RUNS:-20}
MC=${BENCH_MC:-10000000}
ROWS=${BENCH_ROWS:-1000000}
BIG=${BENCH_BIG:-100000000}
REPS=${BENCH_REPS:-3}
mm_rm=
PY_N=${BENCH_PY_N:-10000000}
PY_REF=${BENCH_PY_REF:-../shared/bench/python_ref}
SITE=${BENCH_SITE:-sites/hyperion.cfg}
ONLY=$(echo "${BENCH_ONLY:-}" | tr ',' ' ')
RSS_LIMIT_KB=65536
# (d2): the bundled sites of the reference's 8 (sites/*.json there): the
# GB300 NVL72 module is the reference module here (1,043 MW, not 100 MW:
# the drawing does not depend on the values)
D2_SITES="sites/hyperion.cfg sites/colossus-1.cfg sites/colossus-2.cfg
sites/stargate-abilene.cfg sites/prometheus.cfg sites/rainier.cfg
sites/fairwater.cfg sites/ai-cloud-gigafactory.cfg"

if [ ! -x "$BIN" ] || [ ! -f "$SITE" ]; then
	echo "bench: run from the repository root after make ($BIN or $SITE not found)" >&2
	exit 2
fi
case $(date +%N) in
*N*|'') echo "bench: needs GNU date (date +%N)" >&2; exit 2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dcimpact-bench.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' 0
trap 'exit 2' HUP INT TERM
failed=0

# the sweep: one site, its uncertain numbers sampled; --samples sets the count
case $SITE in
/*) site_abs=$SITE ;;
*) site_abs=$(pwd)/$SITE ;;
esac
cat >"$tmp/mc.cfg" <<EOF
sites = ( "$site_abs" );
samples = 1;
seed = 1;
EOF

if /usr/bin/time -f %M -o "$tmp/t" true 2>/dev/null && [ -s "$tmp/t" ]; then
	rss_how="GNU time (/usr/bin/time -f %M)"
	gnu_time=1
else
	rss_how="VmHWM polled in /proc/PID/status every 0.1 s (no GNU time; install the Debian package time)"
	gnu_time=0
fi

now_ns() {
	date +%s%N
}
# want CASE: CASE is to run (BENCH_ONLY empty, or CASE among its words)
want() {
	[ -z "$ONLY" ] && return 0
	case " $ONLY " in *" $1 "*) return 0 ;; esac
	return 1
}
load1() {
	cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'
}

# measure CMD...: run CMD once (stdout to $tmp/stdout); sets ms (wall, float),
# rss_kb (peak RSS) and rc
measure() {
	_t0=$(now_ns)
	if [ $gnu_time -eq 1 ]; then
		/usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
		rc=$?
		rss_kb=$(tail -n 1 "$tmp/rss")
	else
		"$@" >"$tmp/stdout" 2>"$tmp/stderr" &
		_pid=$!
		rss_kb=0
		_polls=0
		while kill -0 $_pid 2>/dev/null; do
			_v=$(awk '/^VmHWM:/ { print $2 }' /proc/$_pid/status 2>/dev/null)
			[ -n "$_v" ] && rss_kb=$_v
			_polls=$((_polls + 1))
			sleep 0.1
		done
		wait $_pid
		rc=$?
		# a run of a few polls may have been seen before its exec
		[ $_polls -ge 3 ] || rss_kb=
	fi
	_t1=$(now_ns)
	ms=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
	if [ "$rc" -ne 0 ]; then
		failed=1
		echo "bench: FAILED (exit $rc): $*" >&2
		sed -n '1,4s/^/    stderr: /p' "$tmp/stderr" >&2
	fi
}

# time_only CMD...: wall ms of one run without the RSS wrapper
time_only() {
	_t0=$(now_ns)
	"$@" >/dev/null 2>"$tmp/stderr"
	rc=$?
	_t1=$(now_ns)
	[ "$rc" -eq 0 ] || { failed=1; echo "bench: FAILED (exit $rc): $*" >&2; }
	awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e6 }'
}

# median: of the numbers on stdin; prints "median min max"
median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "? ? ?"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%.1f %.1f %.1f\n", m, v[1], v[NR] }'
}

# measure_median CMD...: measure CMD BATCH_REPS times (a file named by
# $mm_rm removed before each run, so each writes it anew); ms is the median
# wall time, ms_min and ms_max the range, rss_kb the largest peak RSS
measure_median() {
	: >"$tmp/mm"
	_rss=
	_i=0
	while [ $_i -lt "$REPS" ]; do
		[ -n "$mm_rm" ] && rm -f "$mm_rm"
		measure "$@"
		echo "$ms" >>"$tmp/mm"
		if [ -n "$rss_kb" ] && [ "${_rss:-0}" -lt "$rss_kb" ]; then
			_rss=$rss_kb
		fi
		_i=$((_i + 1))
	done
	_m=$(median <"$tmp/mm")
	ms=${_m%% *}
	_m=${_m#* }
	ms_min=${_m%% *}
	ms_max=${_m#* }
	rss_kb=$_rss
}
# spread: "median of N runs, MIN-MAX s" of the last measure_median
spread() {
	awk -v n="$REPS" -v a="$ms_min" -v b="$ms_max" \
	    'BEGIN { printf "median of %d runs, %.2f-%.2f s", n, a / 1000, b / 1000 }'
}

# group N: N rounded, with thousands separators
group() {
	awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); o = ""
		while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }
		print s o }'
}
mb() {
	if [ -z "$1" ]; then echo "n/a"; return; fi
	awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'
}
secs() {
	awk -v m="$1" 'BEGIN { printf "%.2f s", m / 1000 }'
}
# row CASE TIME RATE RSS LOAD
row() {
	printf '%-44s %-18s %-40s %-9s %s\n' "$1" "$2" "$3" "$4" "$5"
}

cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)
model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
[ -n "$model" ] || model=$(uname -m)
mem=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
echo "dcimpact benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $BIN"
echo "machine: $cpus CPUs (nproc), $model, $mem RAM, $(uname -sr)"
echo "uptime:  $(uptime)"
echo "peak RSS: $rss_how"
echo
row "case" "wall time" "throughput" "peak RSS" "load (1 min)"
row "----" "---------" "----------" "--------" "------------"

# (a) one estimate as a whole process
if want a; then
	l=$(load1)
	i=0
	: >"$tmp/a"
	while [ $i -lt "$RUNS" ]; do
		time_only "$BIN" estimate "$SITE" >>"$tmp/a"
		i=$((i + 1))
	done
	set -- $(median <"$tmp/a")
	measure "$BIN" estimate "$SITE"
	row "(a) estimate $SITE" "median $1 ms" "min $2, max $3 ms ($RUNS runs)" "$(mb "$rss_kb")" "$l"
fi

# (b) Monte Carlo with --no-rows at -j1 and -j2
if want b; then
	for j in 1 2; do
		l=$(load1)
		measure_median "$BIN" batch "$tmp/mc.cfg" --samples "$MC" --no-rows \
		    --summary "$tmp/sum.csv" -j $j
		rate=$(awk -v n="$MC" -v m="$ms" 'BEGIN { printf "%.0f", n / (m / 1000) }')
		eval "rate_j$j=\$rate"
		row "(b) $(group "$MC") scenarios, --no-rows, -j$j" "$(secs "$ms")" \
		    "$(group "$rate") scenarios/s" "$(mb "$rss_kb")" "$l"
		echo "    ($(spread))"
	done
	row "    speed-up -j2 / -j1" "" "$(awk -v a="$rate_j2" -v b="$rate_j1" \
	    'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')" "" ""
fi

# (c) rows streamed to a CSV file
if want c; then
	l=$(load1)
	mm_rm="$tmp/rows.csv"
	measure_median "$BIN" batch "$tmp/mc.cfg" --samples "$ROWS" -o "$tmp/rows.csv" -j 2
	mm_rm=
	bytes=$(wc -c <"$tmp/rows.csv" 2>/dev/null | tr -d ' ')
	lines=$(wc -l <"$tmp/rows.csv" 2>/dev/null | tr -d ' ')
	if [ "$lines" != $((ROWS + 1)) ]; then
		echo "bench: expected $((ROWS + 1)) lines in the CSV, got $lines" >&2
		failed=1
	fi
	rm -f "$tmp/rows.csv"
	row "(c) $(group "$ROWS") rows to CSV, -j2" "$(secs "$ms")" \
	    "$(group "$(awk -v n="$ROWS" -v m="$ms" 'BEGIN { print n / (m / 1000) }')") rows/s, $(awk -v b="${bytes:-0}" -v m="$ms" \
	    'BEGIN { printf "%.0f MB/s", b / 1e6 / (m / 1000) }')" "$(mb "$rss_kb")" "$l"
	echo "    (CSV: $(awk -v b="${bytes:-0}" 'BEGIN { printf "%.0f MB, %.0f bytes a row", b / 1e6, b / '"$ROWS"' }'); $(spread))"
fi

# (d) the comparison PDF of the bundled sites
if want d; then
	l=$(load1)
	nsites=$(ls sites/*.cfg | wc -l | tr -d ' ')
	: >"$tmp/d"
	for i in 1 2 3 4 5; do
		time_only "$BIN" compare sites/*.cfg -o "$tmp/compare.pdf" >>"$tmp/d"
	done
	set -- $(median <"$tmp/d")
	measure "$BIN" compare sites/*.cfg -o "$tmp/compare.pdf"
	row "(d) compare sites/*.cfg -o PDF ($nsites sites)" "median $1 ms" \
	    "min $2, max $3 ms (5 runs), $(wc -c <"$tmp/compare.pdf" | awk '{ printf "%.0f kB", $1 / 1000 }')" \
	    "$(mb "$rss_kb")" "$l"
fi

# (d2) the reference's 8 sites to PNG against report.py --png, paired runs
# timed CMD...: run CMD (in $dir); append "wall_ms cpu_ms" to $tmp/$out
# (CPU: user + system from GNU time, "?" without it); sets rc
timed() {
	_t0=$(now_ns)
	if [ $gnu_time -eq 1 ]; then
		(cd "$dir" && /usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@") \
		    >"$tmp/timed.txt" 2>&1
		rc=$?
		_cpu=$(tail -n 1 "$tmp/cpu" | awk '{ printf "%.1f", ($1 + $2) * 1000 }')
	else
		(cd "$dir" && "$@") >"$tmp/timed.txt" 2>&1
		rc=$?
		_cpu="?"
	fi
	_t1=$(now_ns)
	[ "$rc" -eq 0 ] && awk -v a="$_t0" -v b="$_t1" -v c="$_cpu" \
	    'BEGIN { printf "%.3f %s\n", (b - a) / 1e6, c }' >>"$tmp/$out"
}
py_mpl=
for c in ${BENCH_PY:-/usr/bin/python3 python3}; do
	if command -v "$c" >/dev/null 2>&1 &&
	    "$c" -c 'import matplotlib, pandas' 2>/dev/null; then
		py_mpl=$c
		break
	fi
done
if want d2; then
	l=$(load1)
	: >"$tmp/d2"
	: >"$tmp/d2py"
	py_note=
	here=$(pwd)
	case $BIN in /*) bin_abs=$BIN ;; *) bin_abs=$here/$BIN ;; esac
	if [ ! -f "$PY_REF/report.py" ]; then
		py_note="skipped ($PY_REF/report.py not found)"
	elif [ -z "$py_mpl" ]; then
		py_note="skipped (no python3 with matplotlib and pandas; Debian: python3-matplotlib python3-pandas python3-pyproj)"
	elif ! "$py_mpl" -c 'import pyproj' 2>/dev/null; then
		py_note="(no pyproj: its map is drawn in plain lon/lat)"
	fi
	for i in 1 2 3 4 5; do
		dir=$here out=d2
		# shellcheck disable=SC2086
		timed "$bin_abs" compare $D2_SITES -o "$tmp/d2.png"
		[ "$rc" -eq 0 ] || { failed=1; echo "bench: FAILED (exit $rc): compare (d2)" >&2; }
		case $py_note in skipped*) continue ;; esac
		# its own folder: the script finds its sites beside it
		dir=$PY_REF out=d2py
		timed "$py_mpl" report.py "$tmp/ref.pdf" --png
		if [ "$rc" -ne 0 ]; then
			py_note="skipped: report.py failed (exit $rc)"
			sed -n '1,4s/^/    /p' "$tmp/timed.txt"
		fi
	done
	set -- $(cut -d' ' -f1 "$tmp/d2" | median)
	d2_med=$1
	d2_cpu=$(cut -d' ' -f2 "$tmp/d2" | median | cut -d' ' -f1)
	# shellcheck disable=SC2086
	measure "$BIN" compare $D2_SITES -o "$tmp/d2.png"
	npng=$(ls "$tmp"/d2-*.png 2>/dev/null | wc -l | tr -d ' ')
	row "(d2) compare 8 sites -o PNG, 150 dpi" "median $1 ms" \
	    "min $2, max $3 ms, CPU $d2_cpu ms (5 runs), $npng pages" \
	    "$(mb "$rss_kb")" "$l"
	case $py_note in
	skipped*) echo "(d2) Python report.py --png: $py_note" ;;
	*)
		set -- $(cut -d' ' -f1 "$tmp/d2py" | median)
		py_cpu=$(cut -d' ' -f2 "$tmp/d2py" | median | cut -d' ' -f1)
		nref=$(ls "$tmp"/ref-*.png 2>/dev/null | wc -l | tr -d ' ')
		row "(d2) Python report.py OUT.pdf --png" "median $1 ms" \
		    "min $2, max $3 ms, CPU $py_cpu ms (5 runs), PDF + $nref PNG" \
		    "" "$(load1)"
		echo "    ratio report.py / dcimpact, this run: wall $(awk -v a="$1" \
		    -v b="$d2_med" 'BEGIN { printf "%.1fx", a / b }'), CPU $(awk \
		    -v a="$py_cpu" -v b="$d2_cpu" 'BEGIN { printf (b > 0 ? "%.1fx" : "?"), a / b }') (target: at least 10x)${py_note:+ $py_note}"
		;;
	esac
fi

# (e) peak RSS at BIG scenarios, --no-rows
if want e && [ "$BIG" -gt 0 ] 2>/dev/null; then
	l=$(load1)
	measure_median "$BIN" batch "$tmp/mc.cfg" --samples "$BIG" --no-rows \
	    --summary "$tmp/big.csv" -j 2
	verdict="< 64 MB: ok"
	if [ -z "$rss_kb" ]; then
		verdict="not measured"
	elif [ "$rss_kb" -ge $RSS_LIMIT_KB ]; then
		verdict="target < 64 MB: EXCEEDED"
		failed=1
	fi
	big_rate=$(awk -v n="$BIG" -v m="$ms" 'BEGIN { printf "%.0f", n / (m / 1000) }')
	row "(e) $(group "$BIG") scenarios, --no-rows, -j2" "$(secs "$ms")" \
	    "$(group "$big_rate") scenarios/s" \
	    "$(mb "$rss_kb")" "$l"
	echo "    peak RSS $verdict; $(spread)"
fi

# (f) the Python reference: numpy, --stream (flat memory, histogram
# quantiles), one process; its work is smaller (5 inputs drawn, 6 outputs)
py=
for c in ${BENCH_PY:-/usr/bin/python3 python3}; do
	if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import numpy' 2>/dev/null; then
		py=$c
		break
	fi
done
if ! want f; then
	:
elif [ ! -f "$PY_REF/batch.py" ]; then
	echo "(f) Python reference: skipped ($PY_REF/batch.py not found)"
elif [ -z "$py" ]; then
	echo "(f) Python reference: skipped (no python3 with numpy; Debian: python3-numpy)"
else
	l=$(load1)
	# its own folder: the script finds its sites beside it
	_t0=$(now_ns)
	(cd "$PY_REF" && "$py" batch.py "$PY_N" --stream) >"$tmp/py.txt" 2>&1
	py_rc=$?
	_t1=$(now_ns)
	ms=$(awk -v a="$_t0" -v b="$_t1" 'BEGIN { printf "%.3f", (b - a) / 1e6 }')
	if [ $py_rc -ne 0 ]; then
		echo "(f) Python reference: failed (exit $py_rc), not counted"
		sed -n '1,4s/^/    /p' "$tmp/py.txt"
	else
		py_rate=$(awk -v n="$PY_N" -v m="$ms" 'BEGIN { printf "%.0f", n / (m / 1000) }')
		row "(f) Python numpy --stream, $(group "$PY_N")" "$(secs "$ms")" \
		    "$(group "$py_rate") scenarios/s (1 core)" "" "$l"
		if [ -n "$rate_j2$big_rate" ]; then
			echo "    ratio to the Python reference, this run:${rate_j2:+ (b) -j2 $(awk \
			    -v a="$rate_j2" -v b="$py_rate" 'BEGIN { printf "%.2fx", a / b }')}${big_rate:+ (e) -j2 $(awk \
			    -v a="$big_rate" -v b="$py_rate" 'BEGIN { printf "%.2fx", a / b }')}"
		else
			echo "    (no ratio: cases b and e were not run)"
		fi
		echo "    (the reference draws 5 inputs and summarises 6 outputs of a"
		echo "    simplified model; dcimpact draws every uncertain input of $SITE"
		echo "    and summarises every output column of the full model)"
	fi
fi
echo
echo "uptime:  $(uptime)"
[ $failed -eq 0 ]
