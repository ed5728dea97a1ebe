#!/bin/sh
# Hostile inputs: every one must give the documented exit code, a message
# that names the file, nothing on stdout, no output file, and no hang.
#
#   sh tests/hostile.sh ./dcimpact        (prints "hostile: N passed, M failed")
#
# Exit codes (cli/cli.h): 0 ok, 1 could not complete (output not written),
# 2 bad input or usage. Each command runs under `timeout` (10 s; 3 s where the
# input must be refused at once); 124 means it hung. A case marked
# [bug] fails because of a bug known when this was written (see the note
# beside it); fix the code, not the test.
set -u

if [ $# -ne 1 ]; then
	echo "usage: sh tests/hostile.sh PATH/TO/dcimpact" >&2
	exit 2
fi
case $1 in
/*) BIN=$1 ;;
*) BIN=$(pwd)/$1 ;;
esac
if [ ! -x "$BIN" ]; then
	echo "hostile: $BIN is not an executable" >&2
	exit 2
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SITE=$ROOT/sites/colossus-1.cfg			# a real site, catalog rack
INLINE=$ROOT/tests/data/good/inline100.cfg	# inline rack, one grid
BAD=$ROOT/tests/data/bad/pue-low.cfg		# fails validation (exit 2)
for f in "$SITE" "$INLINE" "$BAD"; do
	[ -f "$f" ] || { echo "hostile: missing $f" >&2; exit 2; }
done

T=$(mktemp -d /tmp/dcimpact-hostile.XXXXXX) || exit 2
cleanup() {
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$T" || exit 2

pass=0
fail=0
skip=0
TO=10

ok() {
	pass=$((pass + 1))
}

bad() {		# NAME WHY
	fail=$((fail + 1))
	echo "FAIL: $1: $2"
	if [ -s err ]; then
		sed -n '1,3s/^/      stderr: /p' err
	fi
}

# run ARGS...: the binary with a time limit; sets rc; output in out, err
run() {
	timeout "$TO" "$BIN" "$@" >out 2>err </dev/null
	rc=$?
}

# expect_fail NAME RC NEEDLE ARGS...: exit RC, stderr holds NEEDLE (the
# file's name, or a key word), starts "dcimpact", nothing on stdout
expect_fail() {
	name=$1 want=$2 needle=$3
	shift 3
	run "$@"
	if [ "$rc" -eq 124 ]; then
		bad "$name" "hung (killed after $TO s)"
	elif [ "$rc" -ne "$want" ]; then
		bad "$name" "exit $rc, expected $want"
	elif [ -s out ]; then
		bad "$name" "wrote $(wc -c <out) bytes on stdout"
	elif ! grep -q '^dcimpact' err; then
		bad "$name" "no 'dcimpact: ...' message on stderr"
	elif ! grep -qF -- "$needle" err; then
		bad "$name" "message does not mention '$needle'"
	else
		ok
	fi
}

# expect_ok NAME ARGS...: exit 0 (estimate: something on stdout)
expect_ok() {
	name=$1
	shift
	run "$@"
	if [ "$rc" -eq 124 ]; then
		bad "$name" "hung (killed after $TO s)"
	elif [ "$rc" -ne 0 ]; then
		bad "$name" "exit $rc, expected 0"
	elif [ "$1" = estimate ]; then
		if [ ! -s out ]; then
			bad "$name" "nothing on stdout"
		else
			ok
		fi
	else
		ok
	fi
}

# bad_input NAME RC NEEDLE FILE: FILE refused by estimate, check and report
# (no report written, no temporary left in the folder)
bad_input() {
	bi_name=$1 bi_rc=$2 bi_needle=$3 bi_file=$4
	expect_fail "$bi_name (estimate)" "$bi_rc" "$bi_needle" estimate "$bi_file"
	expect_fail "$bi_name (check)" "$bi_rc" "$bi_needle" check "$bi_file"
	mkdir -p rep
	expect_fail "$bi_name (report)" "$bi_rc" "$bi_needle" report "$bi_file" \
	    -o rep/r.pdf
	if [ -n "$(ls -A rep)" ]; then
		bad "$bi_name (report)" "left files behind: $(ls -A rep | tr '\n' ' ')"
	fi
	rm -rf rep
}

# a valid site with "line" appended (it may override nothing: libconfig
# refuses duplicate settings, so the base must lack what is added)
with_line() {	# OUT LINE
	cp "$INLINE" "$1"
	printf '%s\n' "$2" >>"$1"
}

# a copy of the valid site with one setting replaced (sed expression)
edited() {	# OUT SED
	sed "$2" "$INLINE" >"$1"
	if cmp -s "$INLINE" "$1"; then
		echo "hostile: edit '$2' changed nothing" >&2
		exit 2
	fi
}

# --- what is not a site file --------------------------------------------
mkdir adir.cfg
bad_input "a directory" 2 adir.cfg adir.cfg

mkfifo fifo.cfg
bad_input "a FIFO" 2 fifo.cfg fifo.cfg

: >empty.cfg
bad_input "an empty file" 2 empty.cfg empty.cfg

printf '  \n\t\r\n' >blank.cfg
bad_input "only white space" 2 blank.cfg blank.cfg

if truncate -s 100M huge.cfg 2>/dev/null ||
    dd if=/dev/zero of=huge.cfg bs=1048576 count=100 2>/dev/null; then
	TO=3
	bad_input "a 100 MB file (refused at once)" 2 huge.cfg huge.cfg
	TO=10
	rm -f huge.cfg
fi
{ printf 'name = "x";\n'; printf '\000\001\002\377\376binary\000'; } >nul.cfg
bad_input "binary data with NUL bytes" 2 nul.cfg nul.cfg

printf '\377\376\375 \200\201 = ;\n\033[31m\n' >highbytes.cfg
bad_input "binary data without NUL bytes" 2 highbytes.cfg highbytes.cfg

bad_input "a missing file" 2 missing.cfg missing.cfg

ln -s loop2.cfg loop1.cfg
ln -s loop1.cfg loop2.cfg
bad_input "a symbolic link loop" 2 loop1.cfg loop1.cfg

# --- encodings and line ends that are fine -----------------------------
{ printf '\357\273\277'; cat "$SITE"; } >bom.cfg
expect_ok "a UTF-8 BOM is accepted" estimate bom.cfg

sed 's/$/\r/' "$SITE" >crlf.cfg
expect_ok "CRLF line ends are accepted" estimate crlf.cfg

{ printf '\357\273\277'; sed 's/$/\r/' "$INLINE"; } >bomcrlf.cfg
expect_ok "BOM and CRLF together" estimate bomcrlf.cfg

# --- structure ------------------------------------------------------------
awk 'BEGIN { printf "name = \"deep\";\nx = "; for (i = 0; i < 10000; i++)
    printf "{ a = "; printf "1;"; for (i = 0; i < 10000; i++) printf " };";
    printf "\n" }' >deepgroups.cfg
bad_input "10000 nested groups" 2 deepgroups.cfg deepgroups.cfg

awk 'BEGIN { printf "name = \"deep\";\nx = "; for (i = 0; i < 10000; i++)
    printf "("; printf "1"; for (i = 0; i < 10000; i++) printf ")";
    printf ";\n" }' >deeplists.cfg
bad_input "10000 nested lists" 2 deeplists.cfg deeplists.cfg

awk 'BEGIN { printf "name = \"wide\";\nx = ["; for (i = 0; i < 200000; i++)
    printf "%s%d", (i ? ", " : ""), i; printf "];\n" }' >wide.cfg
bad_input "an array of 200000 numbers (unknown setting)" 2 wide.cfg wide.cfg

# @include loops
printf 'name = "a";\n@include "incb.cfg"\n' >inca.cfg
printf 'operator = "b";\n@include "inca.cfg"\n' >incb.cfg
bad_input "@include loop a -> b -> a" 2 inc inca.cfg
printf '@include "incself.cfg"\n' >incself.cfg
bad_input "@include of itself" 2 incself.cfg incself.cfg

# an include that is not a regular file
mkdir incdir
with_line incdir.cfg '@include "incdir"'
bad_input "@include of a directory [bug]" 2 incdir.cfg incdir.cfg
mkfifo incfifo
with_line incfifo.cfg '@include "incfifo"'
TO=5
bad_input "@include of a FIFO must not hang [bug]" 2 incfifo.cfg incfifo.cfg
TO=10

# includes reaching outside the site's folder: refused unless the user
# says so (--allow-include-outside)
mkdir -p outside/site
printf 'operator = "outside";\n' >outside/extra.cfg
cp "$INLINE" outside/site/up.cfg
printf '@include "../extra.cfg"\n' >>outside/site/up.cfg
bad_input "@include \"../extra.cfg\" outside the folder" 2 \
    up.cfg outside/site/up.cfg
cp "$INLINE" outside/site/passwd.cfg
printf '@include "../../../../../../../../../../etc/passwd"\n' \
    >>outside/site/passwd.cfg
bad_input "@include \"../../etc/passwd\" outside the folder" 2 \
    passwd.cfg outside/site/passwd.cfg
cp "$INLINE" outside/site/abs.cfg
printf '@include "%s/outside/extra.cfg"\n' "$T" >>outside/site/abs.cfg
bad_input "@include of an absolute path" 2 abs.cfg outside/site/abs.cfg
cp "$INLINE" outside/site/indent.cfg
printf '  @include "../extra.cfg"\n' >>outside/site/indent.cfg
bad_input "an indented @include outside the folder [bug: skips the check]" 2 \
    indent.cfg outside/site/indent.cfg
cp "$INLINE" outside/site/tab.cfg
printf '\t@include ""\n' >>outside/site/tab.cfg
bad_input "a tab-indented @include \"\" (a folder) [bug]" 2 tab.cfg \
    outside/site/tab.cfg
expect_ok "--allow-include-outside lets ../ includes in" \
    estimate --allow-include-outside outside/site/up.cfg

# --- numbers --------------------------------------------------------------
edited e308.cfg 's/overhead = 0\.1;/overhead = 1e308;/'
bad_input "1e308" 2 "out of range" e308.cfg
edited size308.cfg 's/^racks = 100;/racks = 1e308;/'
bad_input "racks = 1e308" 2 "out of range" size308.cfg
edited e999.cfg 's/overhead = 0\.1;/overhead = 1e999;/'
bad_input "1e999 (overflows to inf)" 2 e999.cfg e999.cfg
edited tiny.cfg 's/overhead = 0\.1;/overhead = 1e-400;/'
expect_ok "1e-400 (underflows to 0, which is allowed)" estimate tiny.cfg

edited mzero.cfg 's/wue_l_per_kwh = 0\.0;/wue_l_per_kwh = -0;/'
expect_ok "-0 accepted where 0 is allowed" estimate mzero.cfg
edited mzerof.cfg 's/overhead = 0\.1;/overhead = -0.0;/'
expect_ok "-0.0 accepted where 0 is allowed" estimate mzerof.cfg
run estimate --format json mzerof.cfg
if [ "$rc" -eq 0 ] && grep -q -- '-0[,} ]\|-0$' out; then
	bad "-0.0 prints as -0" "$(grep -o -- '"[a-z_0-9]*": -0[,} ]' out | head -3 | tr '\n' ' ')"
else
	ok
fi

for v in nan NaN inf -inf Infinity '"nan"' '"inf"'; do
	edited "nan.cfg" "s/overhead = 0\\.1;/overhead = $v;/"
	bad_input "overhead = $v" 2 nan.cfg nan.cfg
done

for v in 3000000000 2147483648 -2147483649 4294967396 0x100000064 \
    99999999999999999999999; do
	edited big.cfg "s/^racks = 100;/racks = $v;/"
	bad_input "racks = $v (past 32 bits)" 2 big.cfg big.cfg
done
edited bigl.cfg 's/^racks = 100;/racks = 3000000000L;/'
bad_input "racks = 3000000000L (64-bit, over the limit)" 2 "out of range" bigl.cfg

# --- file names -----------------------------------------------------------
mkdir "x y"
cp "$SITE" "x y/sité ü.cfg"
expect_ok "a path with spaces and non-ASCII" estimate "x y/sité ü.cfg"
expect_ok "report from and to such paths" report "x y/sité ü.cfg" \
    -o "x y/öut pút.pdf"
[ -s "x y/öut pút.pdf" ] && ok || bad "report to 'x y/öut pút.pdf'" "no file"
sed 's/^name = .*/name = 5;/' "$INLINE" >"x y/bäd é.cfg"
bad_input "a bad site under such a path" 2 "x y/bäd é.cfg" "x y/bäd é.cfg"
cp "$INLINE" ./-dash.cfg
expect_ok "a site named -dash.cfg after --" estimate -- -dash.cfg

# --- map layers (GeoJSON) --------------------------------------------------
if "$BIN" --help 2>/dev/null | grep -q '^ *map '; then
	mkfifo fifo.geojson
	TO=5
	expect_fail "map --layer a FIFO must not hang [bug]" 2 fifo.geojson \
	    map "$SITE" --layer fifo.geojson -o m.pdf
	TO=10
	mkdir dir.geojson
	expect_fail "map --layer a directory" 2 dir.geojson \
	    map "$SITE" --layer dir.geojson -o m.pdf
	: >empty.geojson
	expect_fail "map --layer an empty file" 2 empty.geojson \
	    map "$SITE" --layer empty.geojson -o m.pdf
	if truncate -s 100M huge.geojson 2>/dev/null; then
		TO=3
		expect_fail "map --layer a 100 MB file (refused at once) [bug]" 2 \
		    "too large" map "$SITE" --layer huge.geojson -o m.pdf
		TO=10
		rm -f huge.geojson
	fi
	printf '{"type": "Point",\000 "coordinates": [1, 2]}' >nul.geojson
	expect_fail "map --layer with a NUL byte [bug: NUL read as space]" 2 \
	    "nul.geojson" map "$SITE" --layer nul.geojson -o m.pdf
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; print "" }' \
	    >deep.geojson
	expect_fail "map --layer 100000 nested arrays" 2 deep.geojson \
	    map "$SITE" --layer deep.geojson -o m.pdf
	printf '{"type":"Point","coordinates":[1e999,2]}' >inf.geojson
	expect_fail "map --layer 1e999" 2 inf.geojson \
	    map "$SITE" --layer inf.geojson -o m.pdf
	[ -e m.pdf ] && bad "map --layer" "m.pdf written by a failed run" || ok
else
	echo "skip: map (not a command of this build)"
fi

# --- outputs --------------------------------------------------------------
expect_fail "report to a missing folder" 1 nofolder/r.pdf \
    report "$SITE" -o nofolder/r.pdf
[ -e nofolder ] && bad "report to a missing folder" "created it" || ok
expect_fail "compare to a missing folder" 1 nofolder \
    compare "$SITE" "$INLINE" -o nofolder/c.png
touch afile
expect_fail "report into a file used as a folder" 1 afile/r.pdf \
    report "$SITE" -o afile/r.pdf
mkdir out.pdf
# a folder named as the output is a usage error (issue 15, point 12)
expect_fail "report onto a directory" 2 "out.pdf: is a directory" report "$SITE" -o out.pdf

# an unwritable folder: chmod does not stop root, so run as nobody
mkdir ro
cp "$SITE" ro-site.cfg
chmod 555 ro
chmod 644 ro-site.cfg
chmod 755 .
if [ "$(id -u)" -ne 0 ]; then
	expect_fail "report to an unwritable folder" 1 ro/r.pdf \
	    report ro-site.cfg -o ro/r.pdf
	expect_fail "compare to an unwritable folder" 1 ro/c.svg \
	    compare ro-site.cfg "$INLINE" -o ro/c.svg
elif command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=65534 --regid=65534 --clear-groups \
    sh -c "test -x '$BIN' && test -r '$INLINE'" 2>/dev/null; then
	for args in "report ro-site.cfg -o ro/r.pdf" \
	    "compare ro-site.cfg ro-site.cfg -o ro/c.svg"; do
		# shellcheck disable=SC2086
		timeout "$TO" setpriv --reuid=65534 --regid=65534 \
		    --clear-groups "$BIN" $args >out 2>err </dev/null
		rc=$?
		name="$(echo "$args" | cut -d' ' -f1) to an unwritable folder (as nobody)"
		if [ "$rc" -ne 1 ]; then
			bad "$name" "exit $rc, expected 1"
		elif ! grep -qF "ro/" err; then
			bad "$name" "message does not name the path"
		else
			ok
		fi
	done
else
	echo "skip: unwritable folder (root without setpriv)"
	skip=$((skip + 2))
fi
[ -z "$(ls -A ro)" ] && ok || bad "unwritable folder" "files appeared: $(ls -A ro)"

# a full disk: /dev/full behind a name with an extension
ln -s /dev/full full.pdf
expect_fail "report to /dev/full" 1 full.pdf report "$SITE" -o full.pdf
expect_fail "compare to /dev/full" 1 full.pdf compare "$SITE" "$INLINE" -o full.pdf
timeout "$TO" "$BIN" estimate "$SITE" >/dev/full 2>err
rc=$?
if [ "$rc" -ne 1 ]; then
	bad "estimate > /dev/full" "exit $rc, expected 1"
elif ! grep -q 'standard output' err; then
	bad "estimate > /dev/full" "message does not say standard output"
else
	ok
fi
timeout "$TO" "$BIN" racks >/dev/full 2>err
rc=$?
[ "$rc" -eq 1 ] && ok || bad "racks > /dev/full" "exit $rc, expected 1"

# an existing output survives a failed run
cp "$BAD" bad-site.cfg
for ext in pdf png svg; do
	printf 'old %s\n' "$ext" >"keep.$ext"
	cp "keep.$ext" "keep.$ext.orig"
	expect_fail "compare with a bad site keeps keep.$ext" 2 bad-site.cfg \
	    compare "$SITE" bad-site.cfg -o "keep.$ext"
	cmp -s "keep.$ext" "keep.$ext.orig" && ok ||
	    bad "compare with a bad site" "keep.$ext was changed"
done
expect_fail "report of a bad site keeps keep.pdf" 2 bad-site.cfg \
    report bad-site.cfg -o keep.pdf
cmp -s keep.pdf keep.pdf.orig && ok || bad "report of a bad site" "keep.pdf was changed"
expect_fail "report with a bad option keeps keep.pdf" 2 "--nope" \
    report "$SITE" --nope -o keep.pdf
cmp -s keep.pdf keep.pdf.orig && ok || bad "report with a bad option" "keep.pdf was changed"
leftover=$(ls -A | grep '^\.keep' || true)
[ -z "$leftover" ] && ok || bad "failed runs" "left temporaries: $leftover"

# --- invalid UTF-8 is refused at load (issue 15, point 15) ----------------
# a name that is not UTF-8 once exited 1 and replaced the old PDF
edited badutf8.cfg 's/^name = "\(.*\)";/name = "\1 \xff\xfe";/'
bad_input "a name that is not UTF-8" 2 "badutf8.cfg:" badutf8.cfg
grep -q 'UTF-8' err && ok || bad "a name that is not UTF-8" "message does not say UTF-8"
printf 'old pdf\n' >keep8.pdf
expect_fail "compare with a non-UTF-8 site keeps keep8.pdf" 2 "badutf8.cfg:" \
    compare "$SITE" badutf8.cfg -o keep8.pdf
[ "$(cat keep8.pdf)" = "old pdf" ] && ok ||
    bad "compare with a non-UTF-8 site" "keep8.pdf was replaced"
with_line badutf8-note.cfg "$(printf 'note = "caf\351";')"
expect_fail "a note in Latin-1" 2 "note: not valid UTF-8" check badutf8-note.cfg
with_line utf8-note.cfg 'note = "café, 北京, 🙂";'
expect_ok "valid UTF-8 is kept" check utf8-note.cfg

# --- signals and stale temporaries (issue 15, point 16) --------------------
# wait_tmp DIR PATTERN: until a file matching PATTERN shows in DIR
wait_tmp() {
	wt_i=0
	while [ $wt_i -lt 3000 ] && ! ls -A "$1" | grep -q -- "$2"; do
		wt_i=$((wt_i + 1))
	done
	ls -A "$1" | grep -q -- "$2"
}
# sigrun SIG DIR PATTERN ARGS...: run the program, and send it SIG once a
# temporary shows in DIR (from a background watcher: the program itself
# runs in the foreground, where sh leaves SIGINT to it); sets sig_sent
sigrun() {
	sr_sig=$1 sr_dir=$2 sr_pat=$3
	shift 3
	rm -f sr.pid sr.sent
	(
		wt_i=0
		while [ $wt_i -lt 3000 ] && [ ! -s sr.pid ]; do
			wt_i=$((wt_i + 1))
		done
		if wait_tmp "$sr_dir" "$sr_pat" &&
		    kill -"$sr_sig" "$(cat sr.pid)" 2>/dev/null; then
			echo 1 >sr.sent
		fi
	) &
	sr_w=$!
	timeout "$TO" sh -c 'echo $$ >sr.pid; exec "$@"' sh "$BIN" "$@" \
	    >/dev/null 2>err
	wait "$sr_w"
	sig_sent=0
	[ -s sr.sent ] && sig_sent=1
	rm -f sr.pid sr.sent
}
mkdir sig
for s in INT TERM HUP; do
	sigrun "$s" sig '^\.c\.pdf\.dcimpact-tmp\.' compare "$ROOT"/sites/*.cfg \
	    -o sig/c.pdf
	left=$(ls -A sig)
	if [ "$sig_sent" -eq 0 ]; then
		bad "SIG$s during compare" "no temporary seen (the test is not testing)"
	elif [ -n "$left" ]; then
		bad "SIG$s during compare" "left: $left"
	else
		ok
	fi
	rm -f sig/* sig/.[!.]*
done
# batch keeps its complete rows on INT/TERM and leaves no temporary
cat >sig/sw.cfg <<EOF
sites = ( "$SITE" );
samples = 3000000;
EOF
sigrun TERM sig '^\.rows\.csv\.dcimpact-tmp\.' batch sig/sw.cfg -o sig/rows.csv
left=$(ls -A sig | grep dcimpact-tmp || true)
[ "$sig_sent" -eq 1 ] && [ -z "$left" ] && ok ||
    bad "SIGTERM during batch" "sent $sig_sent, left: $left"
# SIGKILL leaves its temporary; the next run in the folder removes it
sigrun KILL sig '^\.rows\.csv\.dcimpact-tmp\.' batch sig/sw.cfg -o sig/rows.csv
ls -A sig | grep -q dcimpact-tmp && ok || bad "SIGKILL during batch" \
    "no temporary to clean (the test is not testing)"
# one of a dead PID made by hand, beside one of a live PID (kept)
: >sig/.x.pdf.dcimpact-tmp.999999999.abcdef
: >sig/.y.pdf.dcimpact-tmp.$$.abcdef
expect_ok "the next run" report "$SITE" -o sig/r.pdf
left=$(ls -A sig | grep dcimpact-tmp || true)
[ "$left" = ".y.pdf.dcimpact-tmp.$$.abcdef" ] && ok ||
    bad "stale temporaries" "after the next run: $(echo $left)"
rm -rf sig

# --- multi-page output replaces the old set (issue 15, point 17) ----------
mkdir pages
expect_ok "compare of every site to PNG" compare "$ROOT"/sites/*.cfg \
    -o pages/c.png
n_all=$(ls pages | wc -l)
expect_ok "compare of two sites to PNG" compare "$SITE" "$INLINE" -o pages/c.png
n_two=$(ls pages | wc -l)
if [ "$n_two" -lt "$n_all" ] && [ ! -e "pages/c-$n_all.png" ] &&
    [ -e pages/c-1.png ] && [ -z "$(ls -A pages | grep '^\.' || true)" ]; then
	ok
else
	bad "a shorter run after a longer one" "$n_all then $n_two files: $(ls -A pages | tr '\n' ' ')"
fi
: >pages/c.png.keep
: >pages/d-9.png
: >pages/c-60.svg
expect_ok "compare of two sites to SVG" compare "$SITE" "$INLINE" -o pages/c.svg
[ -e pages/c.png.keep ] && [ -e pages/d-9.png ] && [ -e pages/c-1.png ] &&
    [ ! -e pages/c-60.svg ] && [ -e pages/c-1.svg ] && ok ||
    bad "old pages" "wrong files removed: $(ls -A pages | tr '\n' ' ')"
rm -rf pages

echo "hostile: $pass passed, $fail failed${skip:+, $skip skipped}" |
    sed 's/, 0 skipped//'
[ "$fail" -eq 0 ]
