#!/bin/sh
# Reports and comparisons through the command line: valid files, pages,
# byte-identical reruns across processes, atomic failure, 2 to 20 sites.
# Usage: sh tests/cli_plots.sh BUILD/dcimpact (from the repository root).
BIN=$1
pass=0; fail=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
export SOURCE_DATE_EPOCH=1767225600	# 2026-01-01: a fixed PDF date

# A PDF's page count: poppler's pdfinfo when present, else cairo's
# "/Type /Page" objects (one per page).
pages() {
	if command -v pdfinfo >/dev/null 2>&1; then
		pdfinfo "$1" | awk '/^Pages:/ { print $2 }'
	else
		grep -a -c '/Type /Page$\|/Type /Page ' "$1"
	fi
}

# report: 4 pages for one bundled site (summary, power and energy,
# emissions, sources), as PDF; PNG and SVG one file per page
"$BIN" report sites/colossus-1.cfg -o "$tmp/r.pdf" && [ "$(pages "$tmp/r.pdf")" = 4 ] &&
    ok || no "report: expected a 4-page PDF"
"$BIN" report sites/colossus-1.cfg -o "$tmp/r.png" && [ -s "$tmp/r-1.png" ] &&
    [ -s "$tmp/r-4.png" ] && [ ! -e "$tmp/r.png" ] && ok || no "report: PNG pages r-1..r-4"
# PNG signature and size: A4 landscape 841.89 x 595.28 pt at 150 dpi =
# 1754 x 1240 px (rounded); the IHDR width and height bytes
sig=$(od -An -tx1 -N8 "$tmp/r-1.png" | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] && ok || no "report: PNG signature ($sig)"
wh=$(od -An -tu1 -j16 -N8 "$tmp/r-1.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')
[ "$wh" = 1754x1240 ] && ok || no "report: PNG size $wh, expected 1754x1240"
"$BIN" report sites/colossus-1.cfg --paper letter --dpi 72 -o "$tmp/l.png" &&
    wh=$(od -An -tu1 -j16 -N8 "$tmp/l-1.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }') &&
    [ "$wh" = 792x612 ] && ok || no "report: Letter at 72 dpi is 792x612 (got $wh)"

# byte-identical reruns in separate processes, every format
for ext in pdf png svg; do
	"$BIN" compare sites/hyperion.cfg sites/colossus-1.cfg -o "$tmp/a.$ext" &&
	"$BIN" compare sites/hyperion.cfg sites/colossus-1.cfg -o "$tmp/b.$ext" || no "compare $ext"
	if [ "$ext" = pdf ]; then
		cmp -s "$tmp/a.pdf" "$tmp/b.pdf" && ok || no "compare: PDF reruns differ"
	else
		same=1
		for f in "$tmp"/a-*."$ext"; do
			cmp -s "$f" "$tmp/b-${f##*/a-}" || same=0
		done
		[ "$same" = 1 ] && ok || no "compare: $ext reruns differ"
	fi
done
grep -a -q "CreationDate (20260101000000Z)" "$tmp/a.pdf" && ok ||
    no "compare: PDF creation date from SOURCE_DATE_EPOCH"

# a missing folder: exit 1, the path named, nothing written
"$BIN" compare sites/*.cfg -o /nonexistent/x.pdf >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] && grep -q "/nonexistent/x.pdf" "$tmp/err" && [ ! -s "$tmp/out" ] &&
    [ ! -e /nonexistent/x.pdf ] && ok || no "compare to /nonexistent: exit $rc, $(cat "$tmp/err")"
# a failed run keeps the old file: a bad site among good ones
printf 'old' > "$tmp/keep.pdf"
"$BIN" compare sites/hyperion.cfg tests/data/bad/pue-low.cfg -o "$tmp/keep.pdf" 2>/dev/null
rc=$?
[ "$rc" = 2 ] && [ "$(cat "$tmp/keep.pdf")" = old ] && ok || no "failed compare clobbered the old file (exit $rc)"
[ -z "$(ls -A "$tmp" | grep '^\.')" ] && ok || no "temporary files left: $(ls -A "$tmp" | grep '^\.')"

# 2 to 20 sites: 20 copies of a bundled site under other names; sorted
i=1
while [ $i -le 20 ]; do
	sed "s/^name = .*/name = \"Campus number $i with a long descriptive name\";/" \
	    sites/stargate-abilene.cfg > "$tmp/s$i.cfg"
	i=$((i + 1))
done
"$BIN" compare "$tmp"/s*.cfg --sort energy_mwh -o "$tmp/twenty.pdf" &&
    [ "$(pages "$tmp/twenty.pdf")" -ge 7 ] && ok || no "compare of 20 sites"
"$BIN" compare "$tmp"/s1.cfg "$tmp"/s2.cfg -o "$tmp/two.pdf" && ok || no "compare of 2 sites"
"$BIN" compare sites/*.cfg --sort nonsense -o "$tmp/x.pdf" 2>"$tmp/err"
[ $? = 2 ] && grep -q "unknown key" "$tmp/err" && ok || no "--sort nonsense"

echo "cli_plots: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
