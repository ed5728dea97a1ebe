# Shared by the command-line test scripts (sourced): a scratch folder removed
# on exit, and helpers. Set SUITE (its name in messages) and BIN first.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dcimpact-$SUITE.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' 0
trap 'exit 2' HUP INT TERM
OUT=$tmp/out
ERR=$tmp/err
pass=0
fail=0
rc=0

# run ARGS...: run the program; sets rc, stdout in $OUT, stderr in $ERR
run() {
	"$BIN" "$@" >"$OUT" 2>"$ERR"
	rc=$?
}

ok() {
	pass=$((pass + 1))
}

# no CASE WHY: record a failure with the exit code and the start of stderr
no() {
	fail=$((fail + 1))
	printf 'FAIL: %s: %s (exit %s)\n' "$1" "$2" "$rc"
	sed -n '1,4s/^/    stderr: /p' "$ERR"
}

# has FILE STRING: FILE contains STRING (fixed string)
has() {
	grep -F -e "$2" "$1" >/dev/null 2>&1
}
