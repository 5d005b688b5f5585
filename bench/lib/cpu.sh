# CPU time of the application and of PostgreSQL, in clock ticks, read from /proc (sourced by bench/run).
# Per request: ticks after minus ticks before, divided by the requests of the measured run.

clock_ticks=$(getconf CLK_TCK)

# utime + stime (fields 14 and 15 of /proc/<pid>/stat; field 2, the name, may hold spaces: cut after its ")").
proc_ticks() { # pid [children]: with "children", cutime + cstime too (children that have exited and were waited for)
  [ -r "/proc/$1/stat" ] || { echo 0; return; }
  sed 's/.*) //' "/proc/$1/stat" | awk -v c="${2:-}" '{ print $12 + $13 + (c == "children" ? $14 + $15 : 0) }'
}

# The postmaster of the server bench/run talks to: its postmaster.pid (own server, or the data directory the server
# reports when it runs on this machine); empty when the server is elsewhere or not readable.
pg_postmaster=""
find_postmaster() { # data directory of our own server, or empty
  local dir=${1:-}
  [ -n "$dir" ] || dir=$(sql_on postgres "SHOW data_directory" 2>/dev/null || true)
  [ -n "$dir" ] && [ -r "$dir/postmaster.pid" ] && pg_postmaster=$(head -n 1 "$dir/postmaster.pid")
  if [ -n "$pg_postmaster" ] && [ -r "/proc/$pg_postmaster/stat" ]; then return 0; fi
  pg_postmaster=""
  say "note: PostgreSQL's postmaster not found on this machine: PG CPU is summed over every process named postgres"
}

pg_ticks() {
  if [ -n "$pg_postmaster" ]; then
    # The postmaster, its live children (backends, writers), and what its exited children used.
    { proc_ticks "$pg_postmaster" children; for child in $(ps -o pid= --ppid "$pg_postmaster"); do proc_ticks "$child"; done; } \
      | awk '{ s += $1 } END { print s + 0 }'
  else
    { for pid in $(pgrep -x postgres); do proc_ticks "$pid"; done; } | awk '{ s += $1 } END { print s + 0 }'
  fi
}

per_request_ms() { # ticks before, ticks after, requests
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$clock_ticks" 'BEGIN { if (n > 0) printf "%.2f", (b - a) * 1000 / hz / n; else print "—" }'
}
