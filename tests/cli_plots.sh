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

# report: 5 pages for one bundled site (summary, power and energy,
# emissions, grid bases and years, sources), as PDF; PNG and SVG one file
# per page
"$BIN" report sites/colossus-1.cfg -o "$tmp/r.pdf" && [ "$(pages "$tmp/r.pdf")" = 5 ] &&
    ok || no "report: expected a 5-page PDF"
"$BIN" report sites/colossus-1.cfg -o "$tmp/r.png" && [ -s "$tmp/r-1.png" ] &&
    [ -s "$tmp/r-5.png" ] && [ ! -e "$tmp/r-6.png" ] && [ ! -e "$tmp/r.png" ] &&
    ok || no "report: PNG pages r-1..r-5"
# PNG signature and size: A4 landscape 841.89 x 595.28 pt at 150 dpi =
# 1754 x 1240 px (rounded); the IHDR width and height bytes
sig=$(od -An -tx1 -N8 "$tmp/r-1.png" | tr -d ' \n')
[ "$sig" = 89504e470d0a1a0a ] && ok || no "report: PNG signature ($sig)"
wh=$(od -An -tu1 -j16 -N8 "$tmp/r-1.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')
[ "$wh" = 1754x1240 ] && ok || no "report: PNG size $wh, expected 1754x1240"
"$BIN" report sites/colossus-1.cfg --paper letter --dpi 72 -o "$tmp/l.png" &&
    wh=$(od -An -tu1 -j16 -N8 "$tmp/l-1.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }') &&
    [ "$wh" = 792x612 ] && ok || no "report: Letter at 72 dpi is 792x612 (got $wh)"

# The text of a PDF page (poppler's pdftotext); the checks below are skipped
# without it.
text() {
	pdftotext -f "$2" -l "$2" "$1" - 2>/dev/null | tr '\n' ' ' | tr -s ' '
}
if command -v pdftotext >/dev/null 2>&1; then
	# Hyperion (SRMV, GEA MISO_South): page 4 draws the Cambium timeline,
	# projection told apart from today's eGRID point, every basis named
	"$BIN" report sites/hyperion.cfg -o "$tmp/hy.pdf" || no "report hyperion"
	t=$(text "$tmp/hy.pdf" 4)
	for want in "CO2e by year under NREL Cambium 2024 scenarios" \
	    "projection: NREL Cambium 2024 scenarios" "MidCase" "LowRECost" \
	    "eGRID2023 average (today's data)" "GEA MISO_South" \
	    "fuel supply chain is excluded" "phases move with the year" \
	    "AVERT 2023 marginal" "Cambium 2024 long-run marginal" \
	    "grid basis: eGRID2023 average"; do
		case $t in *"$want"*) ok ;; *) no "report hyperion p4: no \"$want\"" ;; esac
	done
	case $t in *"No chart"*|*nan*) no "report hyperion p4: no chart, or nan" ;; *) ok ;; esac
	# a site in France: no Cambium data; the page says why, in one line,
	# and unknown pollutants read "not available" (never nan or 0 t)
	cat > "$tmp/fr.cfg" <<-EOF
	name = "Paris test campus";
	location = { lat = 48.85; lon = 2.35; country = "FR"; };
	capacity_mw = 100.0;
	hardware = { rack = "dgx-h100"; utilization = 0.7; overhead = 0.08; };
	cooling = { pue = 1.2; wue_l_per_kwh = 0.2; };
	EOF
	"$BIN" report "$tmp/fr.cfg" -o "$tmp/fr.pdf" && [ "$(pages "$tmp/fr.pdf")" = 5 ] &&
	    ok || no "report france: expected 5 pages"
	t=$(text "$tmp/fr.pdf" 4)
	case $t in *"No chart: NREL Cambium 2024 covers the contiguous United States only"*) ok ;;
	    *) no "report france p4: the missing chart is not explained" ;; esac
	case $t in *MidCase*|*"today's data"*) no "report france p4: a timeline drawn" ;; *) ok ;; esac
	case $t in *"not available: AVERT covers the contiguous US only"*) ok ;;
	    *) no "report france p4: AVERT not marked unavailable" ;; esac
	t=$(pdftotext "$tmp/fr.pdf" - | tr '\n' ' ')
	case $t in *nan*|*" 0 t "*|*'$0 '*) no "report france: nan or 0 shown for unknowns" ;; *) ok ;; esac
	# compare: the grid-basis page, "not available" for the fleet
	# scenarios (national grid), the basis in every subtitle
	"$BIN" compare sites/*.cfg -o "$tmp/all.pdf" || no "compare sites/*.cfg"
	n=$(pages "$tmp/all.pdf")
	[ "$n" -ge 10 ] && ok || no "compare sites/*.cfg: $n pages, expected 10 or more (the sources run on)"
	t=$(text "$tmp/all.pdf" 7)
	for want in "Grid bases: average and marginal" "AVERT 2023 marginal: not available" \
	    "Cambium 2024 LRMER, MidCase" "eGRID2023 average"; do
		case $t in *"$want"*) ok ;; *) no "compare p7: no \"$want\"" ;; esac
	done
	i=1; subs=0
	while [ $i -le "$n" ]; do
		case $(text "$tmp/all.pdf" $i) in *"grid basis: eGRID2023 average"*) subs=$((subs + 1)) ;; esac
		i=$((i + 1))
	done
	[ "$subs" = "$n" ] && ok || no "compare: the basis in $subs of $n subtitles"
	"$BIN" compare sites/hyperion.cfg sites/colossus-1.cfg --grid-basis cambium-lrmer \
	    -o "$tmp/lr.pdf" && case $(text "$tmp/lr.pdf" 3) in
	    *"grid basis: Cambium 2024 long-run marginal, MidCase"*) ok ;;
	    *) no "compare --grid-basis cambium-lrmer: subtitle" ;; esac
fi

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
