#!/bin/sh
# The README's table of the bundled sites is the output of
# scripts/readme-table (regenerate it with `make readme`), and `make install`
# puts every data file where the installed program finds it.
#
# usage (from the repository root): sh tests/cli_readme.sh build/dcimpact
BIN=${1:?usage: sh tests/cli_readme.sh PATH/TO/dcimpact}
case $BIN in
*/*) ;;
*) BIN=./$BIN ;;
esac
SUITE=cli_readme
. tests/lib.sh

sh scripts/readme-table "$BIN" > "$tmp/want" 2>"$ERR"
rc=$?
sed -n '/<!-- readme-table begin -->/,/<!-- readme-table end -->/p' README.md |
    sed '1,3d;$d' > "$tmp/got"
if [ "$rc" -eq 0 ] && [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then ok; else
	no "README table" "README.md's table differs from scripts/readme-table (run make readme)"
	diff "$tmp/got" "$tmp/want" | head -6
fi

echo "cli_readme: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
