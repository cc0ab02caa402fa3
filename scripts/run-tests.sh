#!/bin/sh
# Runs the meson test suites and prints one closing line that CI reads:
# "N passed, N failed".  Usage: run-tests.sh BUILDDIR default|slow
build=$1
mode=$2
set -- --print-errorlogs --num-processes 2
case "$mode" in
  slow) set -- "$@" --suite slow ;;
  *) set -- "$@" --no-suite slow ;;
esac
meson test -C "$build" "$@"
rc=$?
log="$build/meson-logs/testlog.json"
if [ -f "$log" ]; then
  python3 - "$log" <<'PY'
import json, sys
ok = bad = skip = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): ok += 1
    elif r == "SKIP": skip += 1
    else: bad += 1
print(f"tests: {ok} passed, {bad} failed, {skip} skipped")
PY
fi
exit $rc
