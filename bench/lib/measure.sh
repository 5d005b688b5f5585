# The measured runs of bench/run (sourced by it): wrk with the CPU of the application and of PostgreSQL around it,
# then the same page read at half wrk's rate, open loop. Uses bench/run's variables and functions.

field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<<"$2"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
declare -A rps p50 p99 errors requests app_cpu pg_cpu half_p50 half_p99 half_rate half_achieved
failed=0
signed_in_marker='action="/compte/deconnexion"'

# Before the clock: a signed-in page must be the signed-in page (the header's sign-out form with the person's name;
# the page cache only ever answers anonymous requests, so this also proves the page was rendered for the person).
check_signed_in() { # name, path, cookie, e-mail
  local headers=$work/check.headers body=$work/check.html pseudonym
  curl -s -D "$headers" -o "$body" -H "Host: $host" -H "Cookie: $3" "http://127.0.0.1:$app_port$2"
  grep -qi '^content-type: text/html' "$headers" || fail "$1: GET $2 is not an HTML page: $(head -n 1 "$headers")"
  grep -qF "$signed_in_marker" "$body" || fail "$1: GET $2 with the cookie of $4 is not a signed-in page (no sign-out form)"
  pseudonym=$(sql "SELECT \"Pseudonym\" FROM \"Users\" WHERE \"OrganizationId\" = $org AND \"NormalizedEmail\" = upper('$4')")
  grep -qF "($pseudonym)" "$body" || fail "$1: GET $2 does not name $4 ($pseudonym) in its header: another person's page?"
}

# wrk for the duration; the CPU used meanwhile by the process that answers and by PostgreSQL, per request.
measure_wrk() { # name|mode|path|cookie|token|expect, pid of the process that answers
  local name=${1%%|*} out line app_before pg_before
  say "$name: ${duration} s, $connections connections"
  app_before=$(proc_ticks "$2") pg_before=$(pg_ticks)
  out=$(run_wrk "$duration" "$1" 0 "$measured_pairs")
  app_cpu[$name]=$(proc_ticks "$2") pg_cpu[$name]=$(pg_ticks)
  echo "$out" >"$work/$name.wrk"
  line=$(grep '^BENCH_RESULT' <<<"$out") || { echo "$out" >&2; fail "$name: wrk gave no result"; }
  requests[$name]=$(field requests "$line")
  rps[$name]=$(field rps "$line")
  p50[$name]=$(ms "$(field p50_us "$line")")
  p99[$name]=$(ms "$(field p99_us "$line")")
  errors[$name]=$(( $(field connect "$line") + $(field read "$line") + $(field write "$line") + $(field timeout "$line") \
    + $(field status "$line") + $(field unexpected "$line") ))
  app_cpu[$name]=$(per_request_ms "$app_before" "${app_cpu[$name]}" "${requests[$name]}")
  pg_cpu[$name]=$(per_request_ms "$pg_before" "${pg_cpu[$name]}" "${requests[$name]}")
  if [ "${errors[$name]}" -gt 0 ] || [ "${requests[$name]}" -eq 0 ]; then failed=1; fi
}

# The page again for the duration, at half the rate wrk reached: its latency when the machine is not saturated.
measure_half_rate() { # name|mode|path|cookie|token|expect
  local name mode path cookie expect port=$app_port out line
  IFS='|' read -r name mode path cookie _ expect <<<"$1"
  [ "$mode" = ceiling ] && port=$ceiling_port
  half_rate[$name]=$(awk -v r="${rps[$name]}" 'BEGIN { h = r / 2; printf "%.0f", (h < 1 ? 1 : h) }')
  say "$name: ${duration} s at ${half_rate[$name]} requests/s (half), open loop"
  out=$(dotnet "$viral_driver" read --base "http://127.0.0.1:$port" --host "$host" --path "$path" --rate "${half_rate[$name]}" \
    --seconds "$duration" --expect "$expect" ${cookie:+--cookie "$cookie" --contains "$signed_in_marker"} 2>&1 || true)
  echo "$out" >"$work/$name.half"
  line=$(grep '^READ_RESULT' <<<"$out") || { echo "$out" >&2; fail "$name: the open-loop reader gave no result"; }
  half_p50[$name]=$(field p50_ms "$line") half_p99[$name]=$(field p99_ms "$line")
  half_achieved[$name]=$(field achieved_per_s "$line")
  # The reader is a .NET process on the same cores: when it cannot send at the rate, its p99 measures it too.
  awk -v a="${half_achieved[$name]}" -v r="${half_rate[$name]}" 'BEGIN { exit !(a < 0.9 * r) }' \
    && say "note: $name at half rate: the reader sent ${half_achieved[$name]}/s of ${half_rate[$name]}/s (machine saturated by the client)"
  if [ "$(field errors "$line")" -gt 0 ]; then
    say "$name at half rate: $(field errors "$line") errors: $line"
    errors[$name]=$(( errors[$name] + $(field errors "$line") )); failed=1
  fi
}

measure_viral() { # name
  local name=$1 out app_before pg_before
  say "$name: ${viral_seconds} s at $viral_rate signatures/s (sign + confirm), the petition page read $viral_read_rate times a second"
  app_before=$(proc_ticks "$app_pid") pg_before=$(pg_ticks)
  out=$(run_viral "$viral_seconds" "$viral_rate" "$run_tag")
  app_cpu[$name]=$(proc_ticks "$app_pid") pg_cpu[$name]=$(pg_ticks)
  echo "$out" >"$work/$name.out"
  viral_line=$(grep '^VIRAL_RESULT' <<<"$out") || { echo "$out" >&2; fail "$name: the driver gave no result"; }
  requests[$name]=$(field confirmed "$viral_line")
  rps[$name]=$(field confirmed_per_s "$viral_line")
  p50[$name]=$(field confirm_p50_ms "$viral_line")
  p99[$name]=$(field page_p99_ms "$viral_line")
  errors[$name]=$(( $(field sign_errors "$viral_line") + $(field confirm_errors "$viral_line") + $(field page_errors "$viral_line") ))
  [ "$(field exact "$viral_line")" = yes ] || { errors[$name]=$(( errors[$name] + 1 )); say "$name: the count is NOT exact: $viral_line"; }
  # Per confirmed signature: its sign POST, its confirm POST and the share of page reads.
  app_cpu[$name]=$(per_request_ms "$app_before" "${app_cpu[$name]}" "${requests[$name]}")
  pg_cpu[$name]=$(per_request_ms "$pg_before" "${pg_cpu[$name]}" "${requests[$name]}")
  say "$viral_line"
  if [ "${errors[$name]}" -gt 0 ] || [ "${requests[$name]}" -eq 0 ]; then failed=1; fi
}

# bench/Ceiling on its own port with the application's connection string, measured alone, then stopped.
measure_ceiling() {
  local scenario=${scenarios[0]}
  ( exec dotnet "$data/ceiling/Ceiling.dll" --urls "http://127.0.0.1:$ceiling_port" --Db "$connection" --Organization "$org" ) \
    >"$data/logs/ceiling.log" 2>&1 &
  ceiling_pid=$!
  for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$ceiling_port/bench/fortunes" 2>/dev/null && break
    kill -0 "$ceiling_pid" 2>/dev/null || { cat "$data/logs/ceiling.log" >&2; fail "the ceiling stopped"; }
    sleep 0.5
  done
  # Same rows as the baseline's, so the two do the same work.
  [ "$(curl -s "http://127.0.0.1:$ceiling_port/bench/fortunes")" = "$(curl -s -H "Host: $host" "http://127.0.0.1:$app_port/bench/fortunes")" ] \
    || fail "the ceiling and the baseline do not answer the same table"
  say "ceiling: warming up (${warm_seconds} s)"
  run_wrk "$warm_seconds" "$scenario" 0 1 >/dev/null
  measure_wrk "$scenario" "$ceiling_pid"
  measure_half_rate "$scenario"
  kill "$ceiling_pid" 2>/dev/null; wait "$ceiling_pid" 2>/dev/null || true; ceiling_pid=""
}
