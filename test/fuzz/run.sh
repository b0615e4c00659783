#!/bin/sh
# Fuzzes each target for SECONDS on build/fuzz/corpus/<target> (the seeds
# of test/fuzz/corpus/<target> plus what earlier runs found; the seeds in
# the source tree are never written), then replays every file of
# test/fuzz/regressions/<target>/.  Crash inputs go to
# build/fuzz/crashes/<target>/, logs to build/fuzz/logs/.
# Usage: run.sh SECONDS TARGET...
set -u
seconds=$1
shift
out=build/fuzz
passed=0
failed=0
export UBSAN_OPTIONS=print_stacktrace=1

for t in "$@"; do
  corpus=$out/corpus/$t
  crashes=$out/crashes/$t
  log=$out/logs/$t.log
  mkdir -p "$corpus" "$crashes" "$out/logs"
  cp test/fuzz/corpus/"$t"/* "$corpus"/
  printf '%s: fuzzing for %ss ... ' "$t" "$seconds"
  if "$out/bin/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1; then
    passed=$((passed + 1))
    # "#1234 DONE cov: 567 ft: 890 ... exec/s: 99 ..." is the last status line.
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 |
      sed -E 's/^#([0-9]+).*cov: ([0-9]+) ft: ([0-9]+).*exec\/s: ([0-9]+).*/ok: \1 runs, cov \2, ft \3, \4 exec\/s/'
  else
    failed=$((failed + 1))
    echo "FAILED"
    grep -E 'ERROR:|runtime error:|invariant broken|SUMMARY:' "$log" | head -n 5 | sed 's/^/  /'
    grep -E 'Test unit written to' "$log" | sed 's/^.*Test unit written to /  input saved to /'
    echo "  log: $log"
  fi
done

# Inputs that once failed must keep passing.
replayed=0
replay_failed=0
for t in "$@"; do
  for f in test/fuzz/regressions/"$t"/*; do
    [ -f "$f" ] || continue
    replayed=$((replayed + 1))
    log=$out/logs/replay-$t-$(basename "$f").log
    if ! "$out/bin/$t" "$f" >"$log" 2>&1; then
      replay_failed=$((replay_failed + 1))
      echo "regression FAILED: $f"
      grep -E 'ERROR:|runtime error:|invariant broken|SUMMARY:' "$log" | head -n 5 | sed 's/^/  /'
      echo "  log: $log"
    fi
  done
done
if [ "$replay_failed" = 0 ]; then
  passed=$((passed + 1))
  echo "regressions: ok: $replayed inputs replayed"
else
  failed=$((failed + 1))
  echo "regressions: $replay_failed of $replayed inputs FAILED"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
