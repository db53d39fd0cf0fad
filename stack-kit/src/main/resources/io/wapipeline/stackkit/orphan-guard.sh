# The orphan guard (OrphanGuard.java), run as
#   sh -c 'eval "$ORPHAN_GUARD"' orphan-guard <owner pid> <patience in tenths of a second> <pipe> <log>
# with this text in the environment variable ORPHAN_GUARD. <pipe> is a FIFO that the owner, a JVM, holds open for
# writing. Each line the owner writes names a process to stop when the owner ends:
#   <signal> <pid> <start time in clock ticks after boot> <name>
# However the owner ends (exit, SIGTERM, SIGKILL, a crash), the kernel closes its end of the pipe and `read` meets the
# end of input, without polling. The guard then stops each named process that still runs, newest first: its signal,
# then SIGKILL if it has not ended within the patience. A process with another start time is not the one named (its
# pid was reused): left alone. The signals a process group or a terminal receives are ignored, so that the guard
# outlives the owner's group; and it runs in the background of this shell, which prints its pid and ends, so that it
# is no descendant of the owner either: killing the owner's process tree (an IDE's stop, a test's clean-up) spares it.
trap '' HUP INT QUIT TERM
set -f
owner=$1
patience=$2
pipe=$3
log=$4

# running <pid> <start ticks>: that very process still runs (a zombie has ended; another start time is another process)
running() {
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  set -- "$2" ${stat##*") "}
  [ "$2" != Z ] && [ "${21}" = "$1" ]
}

# stop <signal> <pid> <start ticks> <name>
stop() {
  running "$2" "$3" || return 0
  kill -s "$1" "$2" 2>/dev/null
  waited=0
  while running "$2" "$3" && [ "$waited" -lt "$patience" ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  how="with SIG$1"
  if running "$2" "$3"; then
    kill -s KILL "$2" 2>/dev/null
    how="with SIGKILL, still running $((patience / 10)) s after SIG$1"
  fi
  echo "$(date '+%Y-%m-%d %H:%M:%S') Stopped the $4 (pid $2) $how: pid $owner, which started it, ended without stopping it"
}

# Reads the owner's lines until the end of its input, then stops what they name, newest first.
guard() {
  guarded=
  while IFS= read -r line; do
    guarded="$line
$guarded"
  done
  printf '%s' "$guarded" | while read -r signal pid start name; do
    stop "$signal" "$pid" "$start" "$name"
  done
}

exec 3<"$pipe"
(
  exec <&3 3<&- >>"$log" 2>&1
  guard
) &
echo "$!"
