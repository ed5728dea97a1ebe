#!/bin/sh
# Charts at scale (issue 15 points 1-5): reports with 1, 4 and 16 supply
# entries and comparisons of 1, 3, 10, 20 and 64 sites, rendered with the
# layout check on (DCIMPACT_CHECK_TEXT: a text box outside the page fails
# the run), and what each chart does when it runs out of room.
# Usage: sh tests/cli_charts.sh BUILD/dcimpact (from the repository root).
BIN=$1
SUITE=charts
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
export DCIMPACT_CHECK_TEXT=1

# site NAME FILE NSUPPLY LAT LON [scenario]: a site with NSUPPLY supply
# entries (the grid, then on-site plants and PPAs alternating) and, with
# more than 4, backup generators
site() {
	{
	printf 'name = "%s";\n' "$1"
	[ -n "$6" ] && printf 'scenario = true;\n'
	printf 'location = { lat = %s; lon = %s; state = "TX"; country = "US"; };\n' "$4" "$5"
	printf 'capacity_mw = 1000.0;\n'
	printf 'hardware = { rack = "gb200-nvl72"; utilization = 0.7; overhead = 0.08; };\n'
	printf 'cooling = { pue = 1.2; wue_l_per_kwh = 0.3; };\n'
	printf 'supply = (\n'
	j=2
	while [ "$j" -le "$3" ]; do
		if [ $((j % 2)) = 0 ]; then
			printf '  { kind = "onsite"; name = "Gas turbine block %d with a long name"; plant = "sc-aero"; units = 1; unit_mw = %d.0; capacity_factor = 0.5; },\n' "$j" $((10 + j))
		else
			printf '  { kind = "ppa"; name = "Solar PPA %d"; technology = "solar"; capacity_mw = %d.0; capacity_factor = 0.25; },\n' "$j" $((20 + j))
		fi
		j=$((j + 1))
	done
	printf '  { kind = "grid"; region = "ERCT"; }\n);\n'
	if [ "$3" -gt 4 ]; then
		printf 'backup = { plant = "diesel-tier2"; units = 10; unit_mw = 2.0; test_hours_per_year = 12.0; };\n'
	fi
	} > "$2"
}

# reports: 1, 4 and 16 supply entries, PDF and PNG
for k in 1 4 16; do
	site "Supply test campus with $k entries" "$tmp/sup$k.cfg" $k 32.4 -99.7
	run report "$tmp/sup$k.cfg" -o "$tmp/sup$k.pdf"
	[ "$rc" = 0 ] && ok || no "report, $k supply entries" "layout check failed"
done
run report "$tmp/sup16.cfg" --dpi 60 -o "$tmp/sup16.png"
[ "$rc" = 0 ] && [ -s "$tmp/sup16-1.png" ] && ok || no "report PNG, 16 supply entries" "layout"
if command -v pdftotext >/dev/null 2>&1; then
	t=$(pdftotext -f 3 -l 3 "$tmp/sup16.pdf" - | tr '\n' ' ')
	# 16 entries: the grid, the 4 largest, "other", the backup: 7 series,
	# no colour twice; PPA rows are grid energy matched by the PPA
	case $t in *"other entries (on-site and PPA)"*) ok ;;
	    *) no "16 supply entries" "no \"other\" series on page 3" ;; esac
	t=$(pdftotext -f 2 -l 2 "$tmp/sup4.pdf" - | tr '\n' ' ')
	case $t in *"ERCT grid (matched by Solar PPA 3)"*) ok ;;
	    *) no "4 supply entries" "PPA label" ;; esac
	case $t in *"Solar PPA 3 "*) no "4 supply entries" "a solar entry named as a source" ;; *) ok ;; esac
fi

# comparisons: 1, 3, 10, 20 and 64 sites spread over the US, two of them
# scenarios
i=1
while [ $i -le 64 ]; do
	lat=$(awk -v i=$i 'BEGIN { printf "%.2f", 30 + (i * 7) % 17 }')
	lon=$(awk -v i=$i 'BEGIN { printf "%.2f", -120 + (i * 13) % 45 }')
	scen=""
	[ $i = 2 ] || [ $i = 9 ] && scen=1
	site "Campus $i, a site with a long descriptive name" "$tmp/c$i.cfg" $((1 + i % 4)) "$lat" "$lon" $scen
	i=$((i + 1))
done
for n in 1 3 10 20 64; do
	set --
	i=1
	while [ $i -le $n ]; do set -- "$@" "$tmp/c$i.cfg"; i=$((i + 1)); done
	run compare "$@" -o "$tmp/cmp$n.pdf"
	[ "$rc" = 0 ] && ok || no "compare of $n sites" "layout check failed"
done
run compare "$tmp"/c1.cfg "$tmp"/c2.cfg "$tmp"/c3.cfg "$tmp"/c4.cfg --dpi 60 -o "$tmp/cmp4.png"
[ "$rc" = 0 ] && ok || no "compare PNG of 4 sites" "layout check failed"
if command -v pdftotext >/dev/null 2>&1; then
	# 64 sites: the table continues on more pages, panels group the
	# smallest sites; the scenarios stand apart and out of the totals
	t=$(pdftotext "$tmp/cmp64.pdf" - | tr '\n' ' ')
	for want in "Side by side (continued)" "other sites" "All sites (62)" \
	    "Scenarios (what-ifs, not in the totals)"; do
		case $t in *"$want"*) ok ;; *) no "compare of 64 sites" "no \"$want\"" ;; esac
	done
	# page titles name what the page shows
	t=$(pdftotext -f 4 -l 4 "$tmp/cmp10.pdf" - | head -1)
	[ "$t" = "Carbon intensity and health damages" ] && ok ||
	    no "compare of 10 sites" "page 4 titled \"$t\""
	# the footer and sources print no absolute path
	(cd "$tmp" && "$OLDPWD/$BIN" report "$tmp/c1.cfg" -o "$tmp/abs.pdf") 2>"$ERR"
	t=$(pdftotext "$tmp/abs.pdf" - | tr '\n' ' ')
	case $t in *"$tmp"*) no "report" "an absolute path on the page" ;; *) ok ;; esac
	case $t in *"c1.cfg"*) ok ;; *) no "report" "the site file not named" ;; esac
	# the sources page names the backup generators and each plant's
	# controls
	run report sites/prometheus.cfg -o "$tmp/pr.pdf"
	t=$(pdftotext "$tmp/pr.pdf" - | tr '\n' ' ' | tr -s ' ')
	case $t in *"Backup generators: 8 x 0.5 MW, plant diesel-tier2"*) ok ;;
	    *) no "report prometheus" "backup generators not on the sources page" ;; esac
	case $t in *"controls: "*) ok ;; *) no "report prometheus" "controls not on the sources page" ;; esac
	run report sites/hyperion.cfg -o "$tmp/hy.pdf"
	t=$(pdftotext "$tmp/hy.pdf" - | tr '\n' ' ' | tr -s ' ')
	case $t in *"controls: scr + oxidation-catalyst (NOx 2 ppm"*) ok ;;
	    *) no "report hyperion" "controls and ppm not on the sources page" ;; esac
	# no double spaces between a number and its unit
	case $(pdftotext "$tmp/sup4.pdf" - | tr '\n' ' ') in *[0-9]"  racks"*) no "report" "double space" ;; *) ok ;; esac
fi

# the layout check itself fails a run: a page too small for its title is
# not checked here, but an explicit over-long label is (a test of the
# test): a site name of 127 characters on the map, at the frame's edge
long=$(awk 'BEGIN { for (i = 0; i < 12; i++) printf "Wide name "; }')
site "$long" "$tmp/long.cfg" 1 48.9 -67.5
run report "$tmp/long.cfg" -o "$tmp/long.pdf"
[ "$rc" = 0 ] && ok || no "report of a site with a 120-character name" "layout check failed"

# maps (issue 15 point 6): the scale bar goes to the corner whose box
# overlaps the fewest markers and labels; with DCIMPACT_CHECK_TEXT, `map`
# (and the maps of report and compare) fail when a box drawn over the
# circles (the scale bar, the note on unlabelled sites, a label over a
# marker's centre) hides a marker or a circle leaves the frame
# pole NAME FILE LAT LON MW: a site off the US, on the world map
pole() {
	printf '%s\n' "name = \"$1\";" \
	    "location = { lat = $3; lon = $4; country = \"NO\"; };" \
	    "capacity_mw = $5;" \
	    'hardware = { rack = "dgx-h100"; utilization = 0.7; overhead = 0.08; };' \
	    'cooling = { pue = 1.2; wue_l_per_kwh = 0.2; };' > "$2"
}
# two polar sites where the bar used to be (lower left)
pole "South pole station" "$tmp/ps1.cfg" -89.0 -170.0 1000.0
pole "Ross ice shelf station" "$tmp/ps2.cfg" -80.0 -150.0 1000.0
run map "$tmp/ps1.cfg" "$tmp/ps2.cfg" sites/hyperion.cfg -o "$tmp/pole.pdf"
[ "$rc" = 0 ] && ok || no "map of polar sites" "layout check failed"
run map "$tmp/ps1.cfg" "$tmp/ps2.cfg" sites/hyperion.cfg --dpi 60 -o "$tmp/pole.png"
[ "$rc" = 0 ] && ok || no "map of polar sites, PNG" "layout check failed"
run compare "$tmp/ps1.cfg" "$tmp/ps2.cfg" sites/hyperion.cfg -o "$tmp/polec.pdf"
[ "$rc" = 0 ] && ok || no "compare of polar sites" "layout check failed"
run report "$tmp/ps1.cfg" -o "$tmp/poler.pdf"
[ "$rc" = 0 ] && ok || no "report of a polar site" "layout check failed"
# every marker in a corner of the frame: no corner is free, the bar is
# drawn under the circles and the check still passes
pole "Corner A" "$tmp/k1.cfg" -88.0 -178.0 1000.0
pole "Corner B" "$tmp/k2.cfg" -88.0 178.0 1000.0
pole "Corner C" "$tmp/k3.cfg" 88.0 -178.0 1000.0
pole "Corner D" "$tmp/k4.cfg" 88.0 178.0 1000.0
run map "$tmp"/k1.cfg "$tmp"/k2.cfg "$tmp"/k3.cfg "$tmp"/k4.cfg -o "$tmp/corners.pdf"
[ "$rc" = 0 ] && ok || no "map with a site near every corner" "layout check failed"
# 64 sites on one map: labels left out, the note placed off the markers
set --
i=1
while [ $i -le 64 ]; do set -- "$@" "$tmp/c$i.cfg"; i=$((i + 1)); done
run map "$@" -o "$tmp/map64.pdf"
[ "$rc" = 0 ] && ok || no "map of 64 sites" "layout check failed"
if command -v pdftotext >/dev/null 2>&1; then
	# measured on the page: the scale bar's label ("5000 km ...") lies
	# in the right half of the frame, off every site label's words
	pdftotext -bbox "$tmp/pole.pdf" - | awk '
	    /<word / {
		t = $0; sub(/.*">/, "", t); sub(/<.*/, "", t)
		for (k = 1; k <= 4; k++) {
			match($0, (k == 1 ? "xMin" : k == 2 ? "yMin" : k == 3 ? "xMax" : "yMax") "=\"[0-9.]+\"")
			v[k] = substr($0, RSTART + 6, RLENGTH - 7)
		}
		if (t == "km") { kx0 = v[1]; ky0 = v[2]; kx1 = v[3]; ky1 = v[4]; nk++ }
		if (t == "South" || t == "pole" || t == "Ross" || t == "station" || t == "Hyperion") {
			n++; x0[n] = v[1]; y0[n] = v[2]; x1[n] = v[3]; y1[n] = v[4]
		}
	    }
	    END {
		if (nk != 1 || n < 6) { print "found " nk " km and " n " label words"; exit 1 }
		if (kx0 + 0 < 421) { print "the scale bar is on the left, x " kx0; exit 1 }
		for (i = 1; i <= n; i++)
			if (kx0 + 0 < x1[i] + 0 && x0[i] + 0 < kx1 + 0 &&
			    ky0 + 0 < y1[i] + 0 && y0[i] + 0 < ky1 + 0) {
				print "the scale bar touches a label at " x0[i]; exit 1
			}
	    }' >"$ERR" 2>&1 && ok || no "map of polar sites" "$(cat "$ERR")"
fi

# docs/guide.md's example site file (the first code block after "A site
# file from scratch") loads, and its 2027 phase gives the figures the guide
# states; the guide's two error messages are the program's
awk '/^## A site file from scratch/ { on = 1 } on && /^```$/ { if (inb) exit; inb = 1; next }
    inb { print }' docs/guide.md >"$tmp/guide.cfg"
run check "$tmp/guide.cfg"
[ "$rc" = 0 ] && ok || no "docs/guide.md example" "check failed"
run estimate "$tmp/guide.cfg" --year 2028 --format csv
t=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    NR == 2 { print $c["racks"] "," $c["facility_mw"] }' "$OUT")
[ "$t" = "1169,200" ] && ok || no "docs/guide.md example" "racks,facility_mw of 2028: $t, the guide says 1,169 racks, 200 MW"
sed 's/overhead = 0.08/overheads = 0.08/' "$tmp/guide.cfg" >"$tmp/typo.cfg"
run check "$tmp/typo.cfg"
has "$ERR" "typo.cfg:14: hardware.overheads: unknown setting (expected one of: rack, utilization, overhead, load_factor, lifetime_years, manufacturing_grid)" &&
    has docs/guide.md "typo.cfg:14: hardware.overheads: unknown setting" && ok ||
    no "docs/guide.md example" "the unknown-setting message differs"
sed 's/utilization = { min = 0.5; mode = 0.7; max = 0.9; }/utilization = 1.7/' "$tmp/guide.cfg" >"$tmp/range.cfg"
run check "$tmp/range.cfg"
has "$ERR" "range.cfg:13: hardware.utilization: out of range (got 1.7; expected 0 to 1)" &&
    has docs/guide.md "range.cfg:13: hardware.utilization: out of range (got 1.7; expected 0 to 1)" && ok ||
    no "docs/guide.md example" "the out-of-range message differs"

# PNG pages (issue 15 point 9): each page is encoded in a second thread
# while the next one draws, with a palette when it has at most 256
# colours. The bytes do not depend on the threads (two runs, every page
# the same), the files are valid (pngfix, when installed), and a SIGTERM
# while pages are drawn and encoded leaves no page and no temporary.
mkdir "$tmp/png" "$tmp/sig"
set --
i=1
while [ $i -le 6 ]; do set -- "$@" "$tmp/c$i.cfg"; i=$((i + 1)); done
run compare "$@" -o "$tmp/png/a.png"
ra=$rc
run compare "$@" -o "$tmp/png/b.png"
if [ "$ra" = 0 ] && [ "$rc" = 0 ] && [ -s "$tmp/png/a-1.png" ]; then
	k=1 same=1
	while [ -f "$tmp/png/a-$k.png" ]; do
		cmp -s "$tmp/png/a-$k.png" "$tmp/png/b-$k.png" || same=0
		k=$((k + 1))
	done
	[ $same = 1 ] && [ ! -f "$tmp/png/b-$k.png" ] && ok ||
	    no "compare PNG of 6 sites" "two runs differ"
	# colour types (the byte after IHDR's width, height and depth): the
	# map page is RGB (2), the last sources page a palette (3)
	t=$(od -An -tu1 -j25 -N1 "$tmp/png/a-1.png" | tr -d ' ')
	l=$(od -An -tu1 -j25 -N1 "$tmp/png/a-$((k - 1)).png" | tr -d ' ')
	[ "$t,$l" = "2,3" ] && ok || no "compare PNG of 6 sites" "colour types $t,$l, expected 2,3"
	if command -v pngfix >/dev/null 2>&1; then
		bad=
		for f in "$tmp"/png/a-*.png; do
			pngfix "$f" >/dev/null 2>&1 || bad="$bad $(basename "$f")"
		done
		[ -z "$bad" ] && ok || no "compare PNG of 6 sites" "pngfix rejects$bad"
	fi
else
	no "compare PNG of 6 sites" "failed"
fi
set --
i=1
while [ $i -le 20 ]; do set -- "$@" "$tmp/c$i.cfg"; i=$((i + 1)); done
"$BIN" compare "$@" --dpi 300 -o "$tmp/sig/c.png" >/dev/null 2>"$ERR" &
pid=$!
n=0
while [ $n -lt 5000 ] && ! ls -A "$tmp/sig" | grep -q dcimpact-tmp; do
	n=$((n + 1))
done
seen=$(ls -A "$tmp/sig" | grep -c dcimpact-tmp)
sleep 0.2
kill -TERM $pid 2>/dev/null
{ wait $pid; rc=$?; } 2>/dev/null
left=$(ls -A "$tmp/sig")
if [ "$seen" -eq 0 ] || [ "$rc" != 143 ]; then
	no "SIGTERM during compare to PNG" "not testing: $seen temporaries seen, exit $rc (143 expected)"
elif [ -n "$left" ]; then
	no "SIGTERM during compare to PNG" "left: $left"
else
	ok
fi

echo "cli_charts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
