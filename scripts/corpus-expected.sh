#!/usr/bin/env bash
# Regenerate tests/corpus/*.out and *.status from real CPython.
#
# Each program runs RUNS times (default 3) under a timeout; if stdout or the exit status differs
# between runs the program depends on timing (or hash order, ids...) and does not belong in the
# corpus, so the script reports it and exits non-zero without writing its expected files.
#
# Usage: scripts/corpus-expected.sh [tests/corpus/NN_name.py ...]   (default: every program)
# Env:   PYTHON (default /root/.pyenv/versions/3.13.0/bin/python3), RUNS (3), TIMEOUT (30 s)
set -u -o pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$here/tests/corpus"
python="${PYTHON:-/root/.pyenv/versions/3.13.0/bin/python3}"
runs="${RUNS:-3}"
limit="${TIMEOUT:-30}"

if [ ! -x "$python" ]; then
  echo "corpus-expected: interpreter not found: $python" >&2
  exit 2
fi

if [ "$#" -gt 0 ]; then
  programs=("$@")
else
  programs=("$corpus"/[0-9]*.py)
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
unstable=0

for prog in "${programs[@]}"; do
  prog="$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")"
  base="${prog%.py}"
  name="$(basename "$base")"
  for i in $(seq 1 "$runs"); do
    # Run from the corpus directory with a clean environment so nothing local leaks in.
    (cd "$corpus" && env -i PATH=/usr/bin:/bin HOME="$tmp" PYTHONDONTWRITEBYTECODE=1 \
      PYTHONIOENCODING=utf-8 timeout "$limit" "$python" "$prog" >"$tmp/$name.$i.out" 2>"$tmp/$name.$i.err")
    echo "$?" >"$tmp/$name.$i.status"
  done
  status="$(cat "$tmp/$name.1.status")"
  ok=1
  if [ "$status" != 0 ] && [ "$status" != 1 ]; then
    echo "corpus-expected: $name exited with $status (timeout or crash); see stderr:" >&2
    sed 's/^/    /' "$tmp/$name.1.err" >&2
    ok=0
  fi
  for i in $(seq 2 "$runs"); do
    if ! cmp -s "$tmp/$name.1.out" "$tmp/$name.$i.out" ||
      ! cmp -s "$tmp/$name.1.status" "$tmp/$name.$i.status"; then
      echo "corpus-expected: $name is not stable between run 1 and run $i:" >&2
      diff "$tmp/$name.1.out" "$tmp/$name.$i.out" | sed 's/^/    /' >&2
      ok=0
    fi
  done
  if [ "$ok" = 1 ]; then
    cp "$tmp/$name.1.out" "$base.out"
    cp "$tmp/$name.1.status" "$base.status"
    echo "ok   $name (exit $status)"
  else
    unstable=$((unstable + 1))
    echo "FAIL $name"
  fi
done

if [ "$unstable" -gt 0 ]; then
  echo "corpus-expected: $unstable program(s) failed; their expected files were not written" >&2
  exit 1
fi
