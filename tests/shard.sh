#!/bin/sh
# Tests of `dcimpact batch` and `dcimpact merge`: thread counts and shards
# give the same bytes, rows and summaries; seeds reproduce; the summary is
# valid JSON; the Monte Carlo quantiles of a triangular input match the
# analytic ones; per grid point quantiles match exact ones from the rows;
# shard summaries merge into the single run's; --start resumes; empty
# shards, usage errors, quoted names and interrupted runs; a run that would
# write 10^12 rows is refused.
#
# usage (from the repository root): sh tests/shard.sh ./dcimpact
# Needs only a POSIX sh, awk, sort (-g), cmp, cat, tail, grep, sed, mktemp
# (python3 is used as a second JSON and CSV check when present).
# Prints one line `shard: N passed, M failed`; exits 1 if any case failed.

BIN=${1:?usage: sh tests/shard.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
if [ ! -x "$BIN" ]; then
	echo "shard: $BIN: not an executable" >&2
	exit 2
fi
SW=tests/slurm/sweep.cfg
TRI=tests/slurm/triangular-sweep.cfg
if [ ! -f "$SW" ] || [ ! -f "$TRI" ]; then
	echo "shard: run from the repository root ($SW not found)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dcimpact-shard.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' 0
trap 'exit 2' HUP INT TERM
ERR=$tmp/err
pass=0
fail=0
rc=0

ok() {
	pass=$((pass + 1))
}

# no CASE WHY: record a failure with the exit code and the start of stderr
no() {
	fail=$((fail + 1))
	printf 'FAIL: %s: %s (exit %s)\n' "$1" "$2" "$rc"
	[ -s "$ERR" ] && sed -n '1,4s/^/    stderr: /p' "$ERR"
}

# batch ARGS...: run `dcimpact batch ARGS`; sets rc, stderr in $ERR
batch() {
	"$BIN" batch "$@" 2>"$ERR"
	rc=$?
}

# same CASE A B: files A and B are byte-identical (and A is not empty)
same() {
	if [ -s "$2" ] && cmp -s "$2" "$3"; then ok; else no "$1" "$2 and $3 differ"; fi
}

# ---------------------------------------------------------------------------
# 1. The reference run: -j1. 2 sites x 6 grid points x 500 draws = 6000 rows.
# ---------------------------------------------------------------------------
batch "$SW" -o "$tmp/j1.csv" -j 1
lines=$([ -f "$tmp/j1.csv" ] && wc -l <"$tmp/j1.csv" | tr -d ' ')
if [ "$rc" -eq 0 ] && [ "$lines" = 6001 ]; then ok; else
	no "-j1 run" "expected exit 0 and 6001 lines (got '$lines')"; fi
# the ids count 0 to 5999 a row at a time (past 9, 99 and 999)
if awk -F, 'NR > 1 && $1 != NR - 2 { exit 1 }' "$tmp/j1.csv" 2>/dev/null; then ok; else
	no "-j1 run" "expected the scenario ids 0 to 5999 in order"; fi

# 2. -j2 gives the same bytes
batch "$SW" -o "$tmp/j2.csv" -j 2
same "-j2 equals -j1" "$tmp/j1.csv" "$tmp/j2.csv"

# 3. four shards joined with cat give the same bytes (only shard 1 has the
#    header); one shard is written to stdout with -o -
: >"$tmp/joined.csv"
k=1
while [ $k -le 4 ]; do
	if [ $k -eq 3 ]; then
		batch "$SW" --shard $k/4 -o - -j 2 >"$tmp/part-$k.csv"
	else
		batch "$SW" --shard $k/4 -o "$tmp/part-$k.csv" -j 2
	fi
	[ "$rc" -eq 0 ] || no "shard $k/4" "expected exit 0"
	cat "$tmp/part-$k.csv" >>"$tmp/joined.csv" 2>/dev/null
	k=$((k + 1))
done
same "4 shards joined equal -j1" "$tmp/j1.csv" "$tmp/joined.csv"
if [ -s "$tmp/part-2.csv" ] && ! head -n 1 "$tmp/part-2.csv" | grep -q '^scenario,'; then ok; else
	no "shard 2/4 header" "only the first shard may write the header"; fi

# 4. the same seed twice: identical; another seed: different rows, same header
batch "$SW" -o "$tmp/again.csv"
same "same seed twice" "$tmp/j1.csv" "$tmp/again.csv"
batch "$SW" -o "$tmp/seed4.csv" --seed 4
if [ "$rc" -eq 0 ] && [ -s "$tmp/seed4.csv" ] &&
    ! cmp -s "$tmp/j1.csv" "$tmp/seed4.csv" &&
    [ "$(head -n 1 "$tmp/j1.csv" 2>/dev/null)" = "$(head -n 1 "$tmp/seed4.csv")" ]; then ok; else
	no "--seed 4 differs from seed 3" "expected other rows under the same header"; fi

# 5. --start X: the rows from scenario X on equal the tail of the full run
#    (no header: the header belongs to the output that starts at 0)
batch "$SW" -o "$tmp/resume.csv" --start 4321 -j 2
tail -n +4323 "$tmp/j1.csv" >"$tmp/tail.csv" 2>/dev/null
same "--start 4321 equals the tail" "$tmp/tail.csv" "$tmp/resume.csv"
# ... and within a shard (shard 3/4 covers scenarios 3000 to 4499)
batch "$SW" --shard 3/4 -o "$tmp/resume3.csv" --start 4000
awk -F, '$1 >= 4000' "$tmp/part-3.csv" >"$tmp/tail3.csv" 2>/dev/null
same "--shard 3/4 --start 4000 equals its tail" "$tmp/tail3.csv" "$tmp/resume3.csv"
# a start outside the shard is a usage error
batch "$SW" --shard 1/4 -o "$tmp/bad.csv" --start 5000
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/bad.csv" ] && grep -q -e '--start 5000' "$ERR"; then ok; else
	no "--start outside the shard" "expected exit 2, no output and a message naming --start"; fi

# 6. --no-rows --summary OUT.json: valid JSON, one object per site and
#    metric, every n = 3000 (one site's draws)
batch "$SW" --no-rows --summary "$tmp/sum.json"
# json_ok FILE: a small recursive-descent JSON checker (RFC 8259 grammar)
json_ok() {
	awk '
	function ws() { while (p <= n && index(" \t\r\n", substr(s, p, 1))) p++ }
	function fail(m) { if (!bad) printf "json: %s at offset %d\n", m, p; bad = 1; p = n + 1; return 0 }
	function str(   c) {
		if (substr(s, p, 1) != "\"") return fail("expected a string")
		p++
		while (p <= n) {
			c = substr(s, p, 1)
			if (c == "\"") { p++; return 1 }
			if (c == "\\") {
				c = substr(s, p + 1, 1)
				if (c == "u") {
					if (substr(s, p + 2, 4) !~ /^[0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f]$/)
						return fail("bad \\u escape")
					p += 6; continue
				}
				if (!index("\"\\/bfnrt", c)) return fail("bad escape")
				p += 2; continue
			}
			if (c < " ") return fail("control character in a string")
			p++
		}
		return fail("unterminated string")
	}
	function num(   t) {
		t = substr(s, p)
		if (!match(t, /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/))
			return fail("expected a value")
		p += RLENGTH
		return 1
	}
	function val(   c) {
		ws(); c = substr(s, p, 1)
		if (c == "{") {
			p++; ws()
			if (substr(s, p, 1) == "}") { p++; return 1 }
			for (;;) {
				ws(); if (!str()) return 0
				ws(); if (substr(s, p, 1) != ":") return fail("expected :")
				p++; if (!val()) return 0
				ws(); c = substr(s, p, 1); p++
				if (c == "}") return 1
				if (c != ",") return fail("expected , or }")
			}
		}
		if (c == "[") {
			p++; ws()
			if (substr(s, p, 1) == "]") { p++; return 1 }
			for (;;) {
				if (!val()) return 0
				ws(); c = substr(s, p, 1); p++
				if (c == "]") return 1
				if (c != ",") return fail("expected , or ]")
			}
		}
		if (c == "\"") return str()
		if (substr(s, p, 4) == "true" || substr(s, p, 4) == "null") { p += 4; return 1 }
		if (substr(s, p, 5) == "false") { p += 5; return 1 }
		return num()
	}
	{ s = s $0 "\n" }
	END {
		n = length(s); p = 1; bad = 0
		if (val()) { ws(); if (p <= n) fail("trailing text") }
		exit bad
	}' "$1"
}
if [ "$rc" -eq 0 ] && [ -s "$tmp/sum.json" ] && json_ok "$tmp/sum.json"; then ok; else
	no "--no-rows --summary json" "expected exit 0 and valid JSON"; fi
py=
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1; then py=$p; break; fi
done
if [ -n "$py" ] && [ -s "$tmp/sum.json" ]; then
	if "$py" -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/sum.json" 2>"$ERR"; then ok; else
		no "summary json (python3 json.load)" "rejected"; fi
fi
# the site rows (every grid point): n = 3000; the grid point rows: n = 500
# (n = 0 for figures the grid's catalog does not have)
nsite=$(grep -c '"cooling.pue": null, "hardware.utilization": null, "metric"' "$tmp/sum.json" 2>/dev/null)
nbad=$(grep '"cooling.pue": null, "hardware.utilization": null, "metric"' "$tmp/sum.json" 2>/dev/null | grep -v '"n": 0,' | grep -vc '"n": 3000,')
npt=$(grep -c '"cooling.pue": 1.[123], "hardware.utilization": 0.[68], "metric"' "$tmp/sum.json" 2>/dev/null)
nptbad=$(grep '"cooling.pue": 1.[123], "hardware.utilization": 0.[68], "metric"' "$tmp/sum.json" 2>/dev/null | grep -v '"n": 0,' | grep -vc '"n": 500,')
if [ "${nsite:-0}" -ge 2 ] && [ "${nbad:-1}" -eq 0 ] && [ "${npt:-0}" -eq $((nsite * 6)) ] &&
    [ "${nptbad:-1}" -eq 0 ] && grep -q '"partial": false' "$tmp/sum.json" &&
    grep -q '"relative_accuracy": 0.000976562' "$tmp/sum.json" &&
    grep -q '"site": "Hyperion", "cooling.pue": null, "hardware.utilization": null, "metric": "facility_mw"' "$tmp/sum.json" &&
    grep -q '"site": "Colossus 1", "cooling.pue": 1.2, "hardware.utilization": 0.8, "metric": "co2e_t"' "$tmp/sum.json"; then ok; else
	no "summary json content" "expected n = 3000 for the $nsite site rows, n = 500 for the $npt grid point rows"; fi
# -o names the rows: with --no-rows it is a usage error
batch "$SW" --no-rows --summary "$tmp/sum2.json" -o "$tmp/none.csv"
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/none.csv" ] && [ ! -e "$tmp/sum2.json" ] &&
    grep -q -e '--no-rows' "$ERR"; then ok; else
	no "--no-rows with -o" "expected exit 2, no output and a message naming --no-rows"; fi

# ---------------------------------------------------------------------------
# 7. Quantiles of a triangular input. tests/slurm/triangular.cfg has
#    capacity_mw = { min = 1; mode = 2; max = 4 } with load factor 1 and
#    PUE 1, so facility_mw is the input itself. For a triangular (a, c, b) =
#    (1, 2, 4), F(c) = (c - a) / (b - a) = 1/3, and
#      x_p = a + sqrt(p (b - a)(c - a))        for p <= 1/3
#      x_p = b - sqrt((1 - p)(b - a)(b - c))   for p >= 1/3
#    P5  = 1 + sqrt(0.05 x 3 x 1) = 1 + sqrt(0.15) = 1 + 0.387298 = 1.387298
#    P50 = 4 - sqrt(0.50 x 3 x 2) = 4 - sqrt(3)    = 4 - 1.732051 = 2.267949
#    P95 = 4 - sqrt(0.05 x 3 x 2) = 4 - sqrt(0.3)  = 4 - 0.547723 = 3.452277
#    With 10^6 draws the sample quantiles' standard errors are about 0.03 %
#    of the value; the test allows 0.5 %.
# ---------------------------------------------------------------------------
batch "$TRI" --no-rows --summary "$tmp/tri.csv" -j 2
if [ "$rc" -ne 0 ]; then
	no "triangular summary" "expected exit 0"
else
	# summary CSV columns: site,metric,n,mean,p5,p50,p95,min,max
	got=$(awk -F, '$2 == "facility_mw" { print $3, $5, $6, $7 }' "$tmp/tri.csv")
	if echo "$got" | awk '
	    function within(g, w, name) {
		d = (g - w) / w; if (d < 0) d = -d
		if (d > 0.005) { printf "    %s = %s, analytic %s (%.3f %% off)\n", name, g, w, 100 * d; bad = 1 }
	    }
	    NF == 4 {
		seen = 1
		if ($1 != 1000000) { printf "    n = %s, expected 1000000\n", $1; bad = 1 }
		within($2, 1.387298, "P5"); within($3, 2.267949, "P50"); within($4, 3.452277, "P95")
	    }
	    END { exit !(seen && !bad) }'; then ok; else
		no "triangular P5/P50/P95" "got n p5 p50 p95 = '$got'"; fi
fi

# ---------------------------------------------------------------------------
# 8. 10^12 scenarios with rows: refused before anything is written (exit 2,
#    the row count in the message); with --no-rows it would be accepted.
# ---------------------------------------------------------------------------
here=$(pwd)
cat >"$tmp/huge.cfg" <<EOF
sites = ( "$here/tests/slurm/triangular.cfg" );
samples = 1.0e12;
EOF
batch "$tmp/huge.cfg" -o "$tmp/huge.csv"
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/huge.csv" ] &&
    grep -q '1000000000000 CSV rows' "$ERR"; then ok; else
	no "10^12 rows refused" "expected exit 2, no output and the row count"; fi
batch "$tmp/huge.cfg" -o - >"$tmp/huge-stdout.csv"
if [ "$rc" -eq 2 ] && [ ! -s "$tmp/huge-stdout.csv" ] &&
    grep -q '1000000000000 CSV rows' "$ERR"; then ok; else
	no "10^12 rows to stdout refused" "expected exit 2 and nothing on stdout"; fi

# ---------------------------------------------------------------------------
# 9. Summaries per grid point against exact quantiles of the rows: 2 sites x
#    12 grid points (3 PUE x 4 utilizations) x 300 draws. For every site,
#    grid point and metric (and every site over the whole sweep), P5, P50
#    and P95 must be within the stated 2^-10 (plus 1e-5 for the six digits
#    of both files) of the sample value of rank floor(p (n - 1)) of the
#    rows; n, min and max must be equal.
# ---------------------------------------------------------------------------
cat >"$tmp/grid12.cfg" <<EOF
sites = ( "$here/sites/hyperion.cfg", "$here/sites/colossus-1.cfg" );
vary = (
  { path = "cooling.pue"; values = [ 1.1, 1.2, 1.35 ]; },
  { path = "hardware.utilization"; values = [ 0.5, 0.6, 0.7, 0.85 ]; }
);
samples = 300;
seed = 11;
EOF
G12=$tmp/grid12.cfg
batch "$G12" -o "$tmp/g1.csv" -j 1 --summary "$tmp/g1.sum.csv"
[ "$rc" -eq 0 ] || no "12 grid points -j1" "expected exit 0"
# exact quantiles from the rows: one "key<TAB>value" line per row and
# metric (key: site|pue|utilization|metric, and site|||metric for the whole
# sweep), sorted numerically within each key; then "key;n;p5;p50;p95;min;max"
awk -F, 'NR == 1 { for (i = 5; i <= NF; i++) name[i] = $i; next }
	{ for (i = 5; i <= NF; i++) if ($i != "") {
		printf "%s|%s|%s|%s\t%s\n", $2, $3, $4, name[i], $i
		printf "%s|||%s\t%s\n", $2, name[i], $i } }' "$tmp/g1.csv" |
    LC_ALL=C sort -t '	' -k1,1 -k2,2g |
    awk -F '	' 'function flush() { if (n == 0) return
		printf "%s;%d;%s;%s;%s;%s;%s\n", key, n, v[int((n - 1) * 5 / 100)],
		    v[int((n - 1) * 50 / 100)], v[int((n - 1) * 95 / 100)], v[0], v[n - 1]
		n = 0 }
	$1 != key { flush(); key = $1 }
	{ v[n++] = $2 }
	END { flush() }' >"$tmp/exact.txt"
# the summary's rows as the same keys (comment rows skipped)
awk -F, '/^#/ || $1 == "site" { next }
	{ printf "%s|%s|%s|%s;%s;%s;%s;%s;%s;%s\n", $1, $2, $3, $4, $5, $7, $8, $9, $10, $11 }' \
    "$tmp/g1.sum.csv" >"$tmp/sketch.txt"
if awk -F ';' 'function off(g, x) { d = g - x; if (d < 0) d = -d; if (x < 0) x = -x
		return d > (0.0009765625 + 1e-5) * x }
	NR == FNR { ex[$1] = $0; next }
	$2 == 0 { next }
	!($1 in ex) { printf "    no exact row for %s\n", $1; bad = 1; next }
	{ split(ex[$1], e, ";"); checked++
	  if ($2 != e[2] || $6 + 0 != e[6] + 0 || $7 + 0 != e[7] + 0) {
		printf "    %s: n/min/max %s %s %s, rows %s %s %s\n", $1, $2, $6, $7, e[2], e[6], e[7]; bad = 1 }
	  if (off($3, e[3]) || off($4, e[4]) || off($5, e[5])) {
		printf "    %s: P5/P50/P95 %s %s %s, exact %s %s %s\n", $1, $3, $4, $5, e[3], e[4], e[5]; bad = 1 } }
	END { if (checked < 26 * 20) { printf "    only %d rows checked\n", checked; bad = 1 }
	      exit bad }' "$tmp/exact.txt" "$tmp/sketch.txt"; then ok; else
	no "12 grid points: P5/P50/P95 within 2^-10 of the rows" "see above"; fi
# -j2 and four shards merged (in another order): the same rows and summaries
batch "$G12" -o "$tmp/g2.csv" -j 2 --summary "$tmp/g2.sum.csv"
same "12 grid points: -j2 rows equal -j1" "$tmp/g1.csv" "$tmp/g2.csv"
same "12 grid points: -j2 summary equals -j1" "$tmp/g1.sum.csv" "$tmp/g2.sum.csv"
same "12 grid points: -j2 sketches equal -j1" "$tmp/g1.sum.csv.sketch" "$tmp/g2.sum.csv.sketch"
batch "$G12" --no-rows --summary "$tmp/g1.sum.json"
: >"$tmp/gjoined.csv"
for k in 1 2 3 4; do
	batch "$G12" --shard $k/4 -o "$tmp/g-part-$k.csv" -j 2 --summary "$tmp/g-sum-$k.json"
	[ "$rc" -eq 0 ] || no "12 grid points: shard $k/4" "expected exit 0"
	cat "$tmp/g-part-$k.csv" >>"$tmp/gjoined.csv" 2>/dev/null
done
same "12 grid points: 4 shards joined equal -j1" "$tmp/g1.csv" "$tmp/gjoined.csv"
if grep -q '"partial": true' "$tmp/g-sum-2.json" && grep -q '"scenarios": 1800,' "$tmp/g-sum-2.json"; then ok; else
	no "a shard's summary" "expected partial, 1800 of 7200 scenarios"; fi
"$BIN" merge "$tmp/g-sum-3.json" "$tmp/g-sum-1.json" "$tmp/g-sum-4.json" "$tmp/g-sum-2.json" \
    -o "$tmp/gm.csv" 2>"$ERR"
rc=$?
same "4 shard summaries merged (CSV) equal one run" "$tmp/g1.sum.csv" "$tmp/gm.csv"
same "4 shard sketches merged equal one run" "$tmp/g1.sum.csv.sketch" "$tmp/gm.csv.sketch"
"$BIN" merge "$tmp/g-sum-1.json" "$tmp/g-sum-2.json" "$tmp/g-sum-3.json" "$tmp/g-sum-4.json.sketch" \
    -o "$tmp/gm.json" 2>"$ERR"
rc=$?
same "4 shard summaries merged (JSON) equal one run" "$tmp/g1.sum.json" "$tmp/gm.json"
if json_ok "$tmp/gm.json"; then ok; else no "merged JSON" "invalid"; fi
# a shard twice, or a summary of another sweep: refused (exit 2)
"$BIN" merge "$tmp/g-sum-1.json" "$tmp/g-sum-1.json" -o "$tmp/twice.json" 2>"$ERR"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/twice.json" ] && grep -q 'already in another summary' "$ERR"; then ok; else
	no "merge of a shard twice" "expected exit 2 and a message"; fi
"$BIN" merge "$tmp/g-sum-1.json" "$tmp/sum.json" -o "$tmp/other.json" 2>"$ERR"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/other.json" ] && grep -q 'same sweep' "$ERR"; then ok; else
	no "merge of another sweep" "expected exit 2 and a message"; fi
# two shards only: written, marked partial, and said so
"$BIN" merge "$tmp/g-sum-1.json" "$tmp/g-sum-3.json" -o "$tmp/half.csv" 2>"$ERR"
rc=$?
if [ "$rc" -eq 0 ] && head -n 1 "$tmp/half.csv" | grep -q '3600 of 7200 scenarios (partial)' &&
    grep -q 'partial' "$ERR"; then ok; else
	no "merge of 2 of 4 shards" "expected exit 0 and a partial summary"; fi

# ---------------------------------------------------------------------------
# 10. 16 shards of a 12-scenario sweep: empty shards write empty files and
#     say so; the first shard with rows writes the header; cat and merge
#     give the single run.
# ---------------------------------------------------------------------------
cat >"$tmp/small.cfg" <<EOF
sites = ( "$here/sites/hyperion.cfg" );
vary = (
  { path = "cooling.pue"; values = [ 1.1, 1.2, 1.3 ]; },
  { path = "hardware.utilization"; values = [ 0.5, 0.6, 0.7, 0.8 ]; }
);
EOF
batch "$tmp/small.cfg" -o "$tmp/small.csv" --summary "$tmp/small.sum.csv"
: >"$tmp/small-joined.csv"
sums=
empty=0
said=0
k=1
while [ $k -le 16 ]; do
	batch "$tmp/small.cfg" --shard $k/16 -o "$tmp/s16-$k.csv" --summary "$tmp/s16-$k.sum.csv"
	[ "$rc" -eq 0 ] || no "shard $k/16 of 12" "expected exit 0"
	if [ -e "$tmp/s16-$k.csv" ] && [ ! -s "$tmp/s16-$k.csv" ]; then
		empty=$((empty + 1))
		grep -q 'no scenarios' "$ERR" && said=$((said + 1))
	fi
	cat "$tmp/s16-$k.csv" >>"$tmp/small-joined.csv" 2>/dev/null
	sums="$sums $tmp/s16-$k.sum.csv"
	k=$((k + 1))
done
same "16 shards of 12 scenarios joined" "$tmp/small.csv" "$tmp/small-joined.csv"
if [ $empty -eq 4 ] && [ $said -eq 4 ]; then ok; else
	no "16 shards of 12: empty shards" "expected 4 empty files, each said (got $empty, $said)"; fi
# shellcheck disable=SC2086
"$BIN" merge $sums -o "$tmp/small-m.csv" 2>"$ERR"
rc=$?
same "16 shard summaries merged" "$tmp/small.sum.csv" "$tmp/small-m.csv"

# ---------------------------------------------------------------------------
# 11. Edges of the command line.
# ---------------------------------------------------------------------------
batch "$SW" --shard 2/1000000 -o "$tmp/far.csv"
if [ "$rc" -eq 0 ] && [ -e "$tmp/far.csv" ] && [ ! -s "$tmp/far.csv" ] &&
    grep -q 'shard 2/1000000 has no scenarios' "$ERR"; then ok; else
	no "--shard 2/1000000" "expected exit 0, an empty file and a message"; fi
batch "$SW" --no-rows
if [ "$rc" -eq 2 ] && grep -q -e '--summary' "$ERR"; then ok; else
	no "--no-rows without --summary" "expected exit 2 and a message naming --summary"; fi
batch "$SW" -o "$tmp/rows.json"
if [ "$rc" -eq 2 ] && [ ! -e "$tmp/rows.json" ] && grep -q 'CSV' "$ERR"; then ok; else
	no "-o rows.json" "expected exit 2, no file and a message saying CSV"; fi
# a site name with quotes and a comma: valid JSON and CSV everywhere
sed 's/^name = .*/name = "Say \\"Hi\\", x";/' tests/slurm/triangular.cfg >"$tmp/hi.cfg"
printf 'sites = ( "hi.cfg" );\nsamples = 50;\n' >"$tmp/hi-sweep.cfg"
batch "$tmp/hi-sweep.cfg" -o "$tmp/hi.csv" --summary "$tmp/hi.json"
batch "$tmp/hi-sweep.cfg" --no-rows --summary "$tmp/hi.sum.csv"
if json_ok "$tmp/hi.json" && grep -q '"site": "Say \\"Hi\\", x"' "$tmp/hi.json" &&
    grep -q '^"Say ""Hi"", x",facility_mw,50,' "$tmp/hi.sum.csv" &&
    sed -n 2p "$tmp/hi.csv" | grep -q '^0,"Say ""Hi"", x",'; then ok; else
	no "site name with quotes and a comma" "expected escaped JSON and quoted CSV"; fi
if [ -n "$py" ] && [ -s "$tmp/hi.json" ]; then
	if "$py" -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/hi.json" 2>"$ERR" &&
	    "$py" -c 'import csv, sys
rows = [r for r in csv.reader(l for l in open(sys.argv[1]) if not l.startswith("#"))]
assert all(len(r) == len(rows[0]) for r in rows) and rows[1][0] == "Say \"Hi\", x"' "$tmp/hi.sum.csv" 2>>"$ERR"; then ok; else
		no "quoted site name (python3 json/csv)" "rejected"; fi
fi
# an interrupted run: the summary says partial and covers the rows written.
# SIGTERM goes once rows are being written (the temporary .int.csv.XXXXXX
# beside int.csv is not empty), so the handler is in place on a slow machine
mkdir "$tmp/int"
"$BIN" batch "$TRI" --samples 20000000 -j 2 -o "$tmp/int/int.csv" \
    --summary "$tmp/int.sum.csv" 2>"$ERR" &
pid=$!
i=0
while [ $i -lt 600 ] && ! find "$tmp/int" -name '.int.csv.*' -size +0 2>/dev/null | grep -q .; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
rows=$(($(wc -l <"$tmp/int/int.csv" 2>/dev/null || echo 1) - 1))
if [ "$rc" -eq 1 ] && [ "$rows" -gt 0 ] &&
    head -n 1 "$tmp/int.sum.csv" | grep -q "summary: $rows of 20000000 scenarios (partial)" &&
    grep -q "$rows complete rows" "$ERR" &&
    awk -F, -v n="$rows" '$2 == "facility_mw" { found = 1; exit !($3 == n) } END { exit !found }' "$tmp/int.sum.csv"; then ok; else
	no "interrupted run" "expected exit 1 and a partial summary of the $rows rows written"; fi
# the same without rows (the workers take blocks without a writer): the
# summary covers whole blocks of 4,096, a prefix, and the message says so
"$BIN" batch "$TRI" --samples 1000000000 -j 2 --no-rows \
    --summary "$tmp/int/nr.sum.csv" 2>"$ERR" &
pid=$!
# TERM once the workers run (the handler is in place before they start):
# three threads in /proc, then a few blocks; without /proc, 3 s
i=0
if [ -r /proc/$$/status ]; then
	while [ $i -lt 300 ] && ! awk '/^Threads:/ { exit !($2 >= 3) }' \
	    /proc/$pid/status 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	sleep 0.3
else
	sleep 3
fi
kill -TERM "$pid" 2>/dev/null
wait "$pid"
rc=$?
n=$(sed -n 's/.*summary: \([0-9]*\) of 1000000000 scenarios (partial)$/\1/p' \
    "$tmp/int/nr.sum.csv" 2>/dev/null)
if [ "$rc" -eq 1 ] && [ "${n:-0}" -gt 0 ] && [ $((n % 4096)) -eq 0 ] &&
    grep -q "the summary covers $n scenarios and says partial. Resume with: --start $n " "$ERR" &&
    awk -F, -v n="$n" '$2 == "facility_mw" { found = 1; exit !($3 == n) } END { exit !found }' "$tmp/int/nr.sum.csv"; then ok; else
	no "interrupted run without rows" "expected exit 1 and a partial summary of whole blocks (got rc $rc, n '$n')"; fi

# ---------------------------------------------------------------------------
# 12. The ranges of sites/settings.c: racks = 5e10, which check refuses in a
#     site file, is refused in a sweep at its line; a varied racks has its
#     own column (racks_input) beside the racks output, each once.
# ---------------------------------------------------------------------------
mkdir -p "$tmp/racks"
site=$(pwd)/sites/ai-cloud-gigafactory.cfg
printf 'sites = ( "%s" );\nvary = (\n  { path = "racks"; values = [ 6000.0, 5e10 ]; }\n);\n' \
    "$site" >"$tmp/racks/big.cfg"
batch "$tmp/racks/big.cfg" -o "$tmp/racks/big.csv"
if [ "$rc" -eq 2 ] && grep -q -F "$tmp/racks/big.cfg:3: vary[0].values: out of range for racks (got 5e+10; expected 1 to 1e+09)" "$ERR" &&
    [ ! -e "$tmp/racks/big.csv" ]; then ok; else
	no "racks out of range" "expected exit 2 at big.cfg:3 with check's range"; fi
printf 'sites = ( "%s" );\nvary = ( { path = "racks"; values = [ 6000.0, 7000.0 ]; } );\n' \
    "$site" >"$tmp/racks/ok.cfg"
batch "$tmp/racks/ok.cfg" -o "$tmp/racks/ok.csv"
if [ "$rc" -eq 0 ] && head -n 1 "$tmp/racks/ok.csv" | grep -q '^scenario,site,racks_input,racks,' &&
    [ "$(head -n 1 "$tmp/racks/ok.csv" | tr , '\n' | grep -c -x racks)" -eq 1 ] &&
    [ "$(sed -n 2p "$tmp/racks/ok.csv" | cut -d, -f3,4)" = "6000,6000" ]; then ok; else
	no "racks column" "expected racks_input then racks, each once"; fi

echo "shard: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
