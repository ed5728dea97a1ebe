#!/bin/sh
# Slurm smoke test: a single-node Slurm on this machine runs a 4-task job
# array (tests/slurm/array.sbatch), task K writing shard K/4 of
# tests/slurm/sweep.cfg; the parts joined with cat must equal one local run
# byte for byte. A second 4-task array writes each shard's summary
# (--no-rows --summary); `dcimpact merge` of the four must equal the local
# run's summary (and its .sketch sidecar) byte for byte.
#
# usage (from the repository root, as root): sh tests/slurm/run.sh [./dcimpact]
#
# Installs munge and Slurm 22.05 with apt-get when they are missing. Needs
# no systemd: munged is started by hand as user munge (unless a munged
# already answers), slurmctld and slurmd run in the foreground (-D) as
# children of this script, with a private slurm.conf, spool, state and logs
# in a temporary folder (SLURM_CONF points there; /etc/slurm is not
# touched) and non-default ports, so a real Slurm on the machine is left
# alone. Every wait has a time limit; the whole run stays under 5 minutes.
# On exit the job is cancelled, the daemons this script started are stopped
# by PID and the temporary folder is removed.
# Prints `slurm: 1 passed, 0 failed` (or `0 passed, 1 failed`); exit 0 on
# success, 1 on failure.

BIN=${1:-./dcimpact}
SHARDS=4
BUDGET=270		# seconds for everything but the cleanup (at most ~30 s)
START_TIMEOUT=60	# until the node is idle
JOB_TIMEOUT=120		# the job array
DEADLINE=$(($(date +%s) + BUDGET))
CTLD_PORT=16817
SLURMD_PORT=16818

say() {
	echo "slurm: $*" >&2
}
result() {
	if [ "$1" -eq 0 ]; then
		echo "slurm: 1 passed, 0 failed"
	else
		echo "slurm: 0 passed, 1 failed"
	fi
}
die() {
	say "$*"
	result 1
	exit 1
}
# left: seconds before the deadline (at least 1)
left() {
	_l=$((DEADLINE - $(date +%s)))
	[ $_l -ge 1 ] || _l=1
	echo $_l
}
# limit N: N, or fewer when the deadline is nearer
limit() {
	_l=$(left)
	[ "$1" -lt "$_l" ] && _l=$1
	echo "$_l"
}

case $BIN in
/*) ;;
*) BIN=$(pwd)/$BIN ;;
esac
if [ ! -x "$BIN" ] || [ ! -f tests/slurm/sweep.cfg ]; then
	say "run from the repository root after make ($BIN or tests/slurm/sweep.cfg not found)"
	result 1
	exit 2
fi
REPO=$(pwd)
SWEEP=$REPO/tests/slurm/sweep.cfg
ARRAY=$REPO/tests/slurm/array.sbatch

# ---------------------------------------------------------------------------
# Install munge and Slurm when missing.
# ---------------------------------------------------------------------------
have_slurm() {
	for c in slurmctld slurmd sbatch squeue sinfo scancel munge unmunge; do
		command -v $c >/dev/null 2>&1 || return 1
	done
	[ -x /usr/sbin/munged ] || command -v munged >/dev/null 2>&1
}
PATH=$PATH:/usr/sbin:/sbin
export PATH
if ! have_slurm; then
	[ "$(id -u)" -eq 0 ] || die "Slurm is not installed and this is not root"
	command -v apt-get >/dev/null 2>&1 || die "Slurm is not installed and there is no apt-get"
	say "installing slurmctld slurmd slurm-client munge"
	TMPDIR_INSTALL_LOG=$(mktemp "${TMPDIR:-/tmp}/dcimpact-apt.XXXXXX") || die "mktemp failed"
	PKGS="slurmctld slurmd slurm-client munge"
	export DEBIAN_FRONTEND=noninteractive
	# a fresh machine may have no package lists yet
	if ! apt-cache show slurmctld >/dev/null 2>&1; then
		timeout "$(limit 90)" apt-get update -q >/dev/null 2>&1 ||
		    say "apt-get update failed or timed out"
	fi
	timeout "$(limit 150)" apt-get install -y -q --no-install-recommends $PKGS \
	    >"$TMPDIR_INSTALL_LOG" 2>&1 ||
	    { tail -n 20 "$TMPDIR_INSTALL_LOG" >&2; rm -f "$TMPDIR_INSTALL_LOG"
	      die "apt-get install $PKGS failed"; }
	rm -f "$TMPDIR_INSTALL_LOG"
	have_slurm || die "Slurm commands still missing after apt-get install"
fi
[ "$(id -u)" -eq 0 ] || die "must run as root (slurmd starts jobs as their user)"

# ---------------------------------------------------------------------------
# Cleanup: everything started here is stopped by PID.
# ---------------------------------------------------------------------------
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dcimpact-slurm.XXXXXX") || die "mktemp failed"
chmod 755 "$tmp"
ctld_pid=
slurmd_pid=
munged_pid=
jobid=
sumjob=
status=1

# stop PID: TERM, wait up to 10 s, then KILL
stop() {
	[ -n "$1" ] || return 0
	kill -TERM "$1" 2>/dev/null || return 0
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 20 ]; do
		sleep 0.5
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}
cleanup() {
	trap '' HUP INT TERM
	if [ -n "$jobid" ] && [ -n "$ctld_pid" ]; then
		timeout 10 scancel "$jobid" >/dev/null 2>&1
	fi
	if [ -n "$sumjob" ] && [ -n "$ctld_pid" ]; then
		timeout 10 scancel "$sumjob" >/dev/null 2>&1
	fi
	stop "$slurmd_pid"
	stop "$ctld_pid"
	stop "$munged_pid"
	rm -rf "$tmp"
}
trap 'cleanup' 0
trap 'say "interrupted"; result 1; exit 1' HUP INT TERM

# show_logs: the end of the daemons' logs and the job's output, on failure
show_logs() {
	for f in "$tmp"/slurmctld.log "$tmp"/slurmd.log "$tmp"/out/slurm-*.out; do
		[ -s "$f" ] || continue
		echo "--- $f (last 15 lines)" >&2
		tail -n 15 "$f" >&2
	done
}
fail() {
	say "$*"
	show_logs
	result 1
	exit 1
}

# ---------------------------------------------------------------------------
# munge: use a running munged, else start one as user munge.
# ---------------------------------------------------------------------------
munge_ok() {
	munge -n 2>/dev/null | unmunge >/dev/null 2>&1
}
if ! munge_ok; then
	MUNGED=$(command -v munged || echo /usr/sbin/munged)
	if [ ! -s /etc/munge/munge.key ]; then
		if command -v mungekey >/dev/null 2>&1; then
			runuser -u munge -- mungekey -c -k /etc/munge/munge.key ||
			    die "mungekey failed"
		else
			dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null
			chown munge:munge /etc/munge/munge.key
			chmod 400 /etc/munge/munge.key
		fi
	fi
	mkdir -p /run/munge /var/log/munge /var/lib/munge
	chown munge:munge /run/munge /var/log/munge /var/lib/munge
	chmod 755 /run/munge
	# a munged that died uncleanly leaves its pid file; it would refuse to start
	runuser -u munge -- "$MUNGED" --force >/dev/null 2>&1 ||
	    runuser -u munge -- "$MUNGED" || die "munged did not start"
	i=0
	while ! munge_ok && [ $i -lt 20 ]; do
		sleep 0.5
		i=$((i + 1))
	done
	munge_ok || die "munge -n | unmunge fails after starting munged"
	if [ -s /run/munge/munged.pid ]; then
		munged_pid=$(cat /run/munge/munged.pid)
	fi
fi

# ---------------------------------------------------------------------------
# A private single-node slurm.conf (Slurm 22.05, no systemd, no cgroups).
# ---------------------------------------------------------------------------
host=$(hostname -s)
[ -n "$host" ] || die "hostname -s printed nothing"
cpus=$(nproc 2>/dev/null || echo 1)
mem_mb=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null)
[ -n "$mem_mb" ] || mem_mb=1000
[ "$mem_mb" -gt 1000 ] && mem_mb=1000
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/out"
chmod 755 "$tmp/out"
SLURM_CONF=$tmp/slurm.conf
export SLURM_CONF
cat >"$SLURM_CONF" <<EOF
ClusterName=dcimpact-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=10 State=UP
EOF

# ---------------------------------------------------------------------------
# Start the daemons in the foreground as children of this script.
# ---------------------------------------------------------------------------
slurmctld -D -i -f "$SLURM_CONF" </dev/null >"$tmp/slurmctld.stderr" 2>&1 &
ctld_pid=$!
slurmd -D -f "$SLURM_CONF" -N "$host" </dev/null >"$tmp/slurmd.stderr" 2>&1 &
slurmd_pid=$!

t0=$(date +%s)
state=
while :; do
	kill -0 "$ctld_pid" 2>/dev/null || { cat "$tmp/slurmctld.stderr" >&2; fail "slurmctld exited"; }
	kill -0 "$slurmd_pid" 2>/dev/null || { cat "$tmp/slurmd.stderr" >&2; fail "slurmd exited"; }
	state=$(timeout 10 sinfo -h -N -n "$host" -o %t 2>/dev/null | head -n 1)
	case $state in
	idle) break ;;
	drain*|down*|inval*|fail*)
		# ReturnToService=2 usually clears down; drained or invalid is a config error
		case $state in
		down*) ;;
		*) timeout 10 sinfo -R >&2; fail "node $host is $state" ;;
		esac ;;
	esac
	[ $(($(date +%s) - t0)) -lt $START_TIMEOUT ] && [ "$(left)" -gt 1 ] ||
	    fail "node $host not idle after $(($(date +%s) - t0)) s (state '$state')"
	sleep 1
done
say "node $host idle after $(($(date +%s) - t0)) s ($cpus CPUs)"

# ---------------------------------------------------------------------------
# The job array: task K writes $tmp/out/part-K.csv.
# ---------------------------------------------------------------------------
jobid=$(cd "$tmp/out" && timeout 20 sbatch --parsable --array=1-$SHARDS \
    --time=5 --output="$tmp/out/slurm-%A_%a.out" \
    "$ARRAY" "$SWEEP" "$tmp/out" "$BIN" 2>"$tmp/sbatch.err") ||
    { cat "$tmp/sbatch.err" >&2; fail "sbatch failed"; }
jobid=${jobid%%;*}
say "submitted job array $jobid (1-$SHARDS)"
# the shards' summaries: task K writes $tmp/out/sum-K.json and its sketches
sumjob=$(cd "$tmp/out" && timeout 20 sbatch --parsable --array=1-$SHARDS \
    --time=5 --output="$tmp/out/slurm-sum-%A_%a.out" --wrap "exec '$BIN' \
    batch '$SWEEP' --shard \$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_MAX \
    --no-rows --summary '$tmp/out/sum-'\$SLURM_ARRAY_TASK_ID.json" \
    2>"$tmp/sbatch.err") ||
    { cat "$tmp/sbatch.err" >&2; fail "sbatch (summaries) failed"; }
sumjob=${sumjob%%;*}
say "submitted job array $sumjob (1-$SHARDS, summaries)"

# the local single run meanwhile
"$BIN" batch "$SWEEP" -o "$tmp/single.csv" --summary "$tmp/single.json" \
    2>"$tmp/single.err" ||
    { cat "$tmp/single.err" >&2; fail "the local run failed"; }

t0=$(date +%s)
while [ -n "$(timeout 10 squeue -h -j "$jobid,$sumjob" -o %i 2>/dev/null)" ]; do
	[ $(($(date +%s) - t0)) -lt $JOB_TIMEOUT ] && [ "$(left)" -gt 1 ] ||
	    fail "jobs $jobid, $sumjob not done after $(($(date +%s) - t0)) s"
	sleep 1
done
say "job arrays done after $(($(date +%s) - t0)) s"

# every task must have completed with exit 0
bad=$( (timeout 10 scontrol -o show job "$jobid"; timeout 10 scontrol -o show job "$sumjob") 2>/dev/null |
    awk '{ st = ""; ex = ""; task = ""
	for (i = 1; i <= NF; i++) {
		if ($i ~ /^JobState=/) st = substr($i, 10)
		if ($i ~ /^ExitCode=/) ex = substr($i, 10)
		if ($i ~ /^ArrayTaskId=/) task = substr($i, 13)
	}
	n++
	if (st != "COMPLETED" || ex != "0:0") printf "task %s %s (exit %s); ", task, st, ex }
	END { if (n != 2 * '"$SHARDS"') printf "%d tasks listed\n", n }')
[ -z "$bad" ] || fail "tasks not completed: $bad"

: >"$tmp/joined.csv"
k=1
while [ $k -le $SHARDS ]; do
	[ -f "$tmp/out/part-$k.csv" ] || fail "part-$k.csv missing"
	cat "$tmp/out/part-$k.csv" >>"$tmp/joined.csv"
	k=$((k + 1))
done
if [ -s "$tmp/single.csv" ] && cmp -s "$tmp/single.csv" "$tmp/joined.csv"; then
	say "$SHARDS parts joined = the single run ($(wc -l <"$tmp/single.csv") lines)"
else
	cmp "$tmp/single.csv" "$tmp/joined.csv" >&2
	fail "the joined parts differ from the single run"
fi
sums=
k=1
while [ $k -le $SHARDS ]; do
	[ -f "$tmp/out/sum-$k.json.sketch" ] || fail "sum-$k.json.sketch missing"
	sums="$sums $tmp/out/sum-$k.json"
	k=$((k + 1))
done
# shellcheck disable=SC2086
"$BIN" merge $sums -o "$tmp/merged.json" 2>"$tmp/merge.err" ||
    { cat "$tmp/merge.err" >&2; fail "dcimpact merge failed"; }
if cmp -s "$tmp/single.json" "$tmp/merged.json" &&
    cmp -s "$tmp/single.json.sketch" "$tmp/merged.json.sketch"; then
	say "$SHARDS summaries merged = the single run's summary"
	status=0
else
	cmp "$tmp/single.json" "$tmp/merged.json" >&2
	fail "the merged summaries differ from the single run's"
fi
result $status
exit $status
