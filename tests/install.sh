#!/bin/sh
# make install and make uninstall into a scratch folder (DESTDIR, so that
# the program is not rebuilt for another data folder): the program, the man
# page (which renders without warnings) and the data go in, and uninstall
# leaves nothing behind.
#
#   sh tests/install.sh BUILD/dcimpact     (from the repository root)
BIN=${1:?usage: sh tests/install.sh BUILD/dcimpact}
SUITE=install
. tests/lib.sh
build=$(dirname "$BIN")
MK=${MAKE:-make}

# the man page: groff reads it without a warning, man renders it
if command -v groff >/dev/null 2>&1; then
	if groff -ww -mandoc -Tascii -P-cbou dcimpact.1 >"$OUT" 2>"$ERR" && [ ! -s "$ERR" ] &&
	    has "$OUT" "--allow-include-outside"; then ok; else
		no "groff -ww dcimpact.1" "warnings or no text"; fi
fi
if command -v man >/dev/null 2>&1; then
	if MANPAGER=cat man -l dcimpact.1 >"$OUT" 2>"$ERR" && has "$OUT" "EXIT STATUS"; then
		ok; else no "man -l dcimpact.1" "did not render"; fi
fi
# every option of every command's --help is in the man page (as Fl \-name)
for c in estimate report compare map batch merge export check racks; do
	for opt in $("$BIN" help "$c" | grep -o -e '--[a-z-]*' | sort -u); do
		want="Fl $(printf '%s' "$opt" | sed 's/-/\\-/g; s/^\\-\\-/\\-/')"
		grep -q -F -e "$want" dcimpact.1 && ok ||
		    no "dcimpact.1" "does not cover $opt of $c (no $want)"
	done
done

d=$tmp/dest
$MK -s BUILD="$build" DESTDIR="$d" install >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -eq 0 ] && [ -x "$d/usr/local/bin/dcimpact" ] &&
    [ -s "$d/usr/local/share/man/man1/dcimpact.1" ] &&
    [ -s "$d/usr/local/share/bash-completion/completions/dcimpact" ] &&
    [ -s "$d/usr/local/share/dcimpact/estimator/racks.cfg" ]; then ok; else
	no "make install" "program, man page, completion or data missing"; fi
$MK -s BUILD="$build" DESTDIR="$d" uninstall >"$OUT" 2>"$ERR"
rc=$?
left=$(find "$d" -mindepth 1 2>/dev/null | head -5)
if [ "$rc" -eq 0 ] && [ -z "$left" ]; then ok; else
	no "make uninstall" "left: $left"; fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
