# The table of bench/run (sourced by it): targets of issue 14, throughput as a share of the ceiling measured in the
# same run, CPU per request, p99 at half rate.

# Minimum share of the ceiling (%) and maximum p99 (ms) under wrk's load; "-" when there is none.
target_of() {
  case "$1" in
    ceiling) echo "- -" ;;
    baseline) echo "50 -" ;;
    contribution-500-*|moderation) echo "15 150" ;;
    post-contribution) echo "10 250" ;;
    *) echo "25 100" ;; # home, consultation, list-p200, contribution-500, signed-in pages, proposal, petition, post-reaction
  esac
}
half_rate_p99_target=50
target_text() {
  local share max text
  read -r share max <<<"$(target_of "$1")"
  case "$1" in
    viral-petition) echo "≥ 2,000 confirmed/s, page p99 < 100 ms, exact"; return ;;
    ceiling) text="reference" ;;
    *) text="≥ $share % of ceiling"; [ "$max" != - ] && text+=", p99 < $max ms" ;;
  esac
  [ -n "${half_p99[$1]:-}" ] && text+="; < $half_rate_p99_target ms at half rate"
  echo "$text"
}
target() { # name → yes / no
  local name=$1 share max
  if [ "$name" = viral-petition ]; then
    awk -v r="${rps[$name]}" -v p="${p99[$name]}" -v e="${errors[$name]}" 'BEGIN { print (r >= 2000 && p < 100 && e == 0 ? "yes" : "no") }'
    return
  fi
  read -r share max <<<"$(target_of "$name")"
  awk -v r="${rps[$name]}" -v c="${rps[ceiling]:-0}" -v s="$share" -v p="${p99[$name]}" -v m="$max" \
    -v h="${half_p99[$name]:--}" -v hm="$half_rate_p99_target" 'BEGIN {
      ok = (s == "-" || c == 0 || r >= s / 100 * c) && (m == "-" || p < m + 0) && (h == "-" || h < hm + 0)
      print (ok ? "yes" : "no") }'
}
share_of_ceiling() { awk -v r="$1" -v c="${rps[ceiling]:-0}" 'BEGIN { if (c > 0) printf "%.0f %%", 100 * r / c; else print "—" }'; }

write_table() { # file
  {
    echo "| scenario | requests/s | p50 (ms) | p99 (ms) | p99 at half rate (ms) | errors | of ceiling | app CPU/req (ms) | PG CPU/req (ms) | target | met |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
    for scenario in "${scenarios[@]}"; do
      name=${scenario%%|*}
      [ -n "${rps[$name]:-}" ] || continue
      printf '| %s | %.0f | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "${rps[$name]}" "${p50[$name]}" "${p99[$name]}" \
        "${half_p99[$name]:-—}" "${errors[$name]}" "$(share_of_ceiling "${rps[$name]}")" "${app_cpu[$name]}" "${pg_cpu[$name]}" \
        "$(target_text "$name")" "$(target "$name")"
    done
    echo "| peak working set (VmHWM) | $peak_mb MB | | | | | | | | < 500 MB | $([ "$peak_mb" -lt 500 ] && echo yes || echo no) |"
  } >"$1"
}

# One line per page read at half rate: the rate asked and the rate the reader reached.
half_rate_notes() {
  local scenario name
  for scenario in "${scenarios[@]}"; do
    name=${scenario%%|*}
    [ -n "${half_rate[$name]:-}" ] && printf '%s %s/s (sent %s/s, p50 %s ms); ' "$name" "${half_rate[$name]}" "${half_achieved[$name]}" "${half_p50[$name]}"
  done
  echo
}
