#!/usr/bin/env bash
# Model-checks tendermint.pml with Spin: the model must keep agreement in every reachable state (exhaustive
# search, no hash compaction), and every deliberately broken variant must be caught, so the check is known to bite.
# Needs spin and gcc. Takes about 15 s and 800 MB on two cores. Usage: docs/consensus/check.sh
set -euo pipefail

source="$(cd "$(dirname "$0")" && pwd)/tendermint.pml"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$source" .
model=tendermint.pml

# check EXPECTATION [spin -D options...]: EXPECTATION is "holds" (no error, search complete) or "fails" (an assertion is violated).
check() {
  local expectation=$1
  shift
  local name="${*:-the model}"
  spin -a "$@" "$model" >/dev/null
  gcc -O2 -w -DSAFETY -DMEMLIM=2048 -o pan pan.c
  local started=$SECONDS output errors states
  output=$(./pan -m10000 2>&1) || true
  errors=$(sed -n 's/.*errors: \([0-9][0-9]*\).*/\1/p' <<<"$output" | tail -n 1)
  states=$(sed -n 's/^ *\([0-9.e+]*\) states, stored.*/\1/p' <<<"$output" | tail -n 1)
  case "$expectation" in
    holds)
      if [[ "$errors" != "0" ]] || grep -q -e "Search not completed" -e "MEMLIM" <<<"$output"; then
        echo "spin: $name: agreement NOT verified" >&2
        echo "$output" >&2
        if [[ -f "$model.trail" ]]; then spin -t -p -g "$@" "$model" | tail -n 60 >&2; fi
        return 1
      fi
      echo "spin: $name: agreement holds ($states states, exhaustive, $((SECONDS - started)) s)"
      ;;
    fails)
      if [[ -z "$errors" || "$errors" == "0" ]] || ! grep -q "assertion violated" <<<"$output"; then
        echo "spin: $name: expected a counterexample, found none: the check does not bite" >&2
        echo "$output" >&2
        return 1
      fi
      echo "spin: $name: counterexample found as expected ($(grep -m 1 -o 'assertion violated.*' <<<"$output"))"
      ;;
  esac
  rm -f pan pan.* ./*.trail
}

check holds
check fails -DBROKEN_LOCK
check fails -DBROKEN_UNLOCK
check fails -DWITNESS_LAST_ROUND
