#!/bin/bash
# Runs CharLstmLab's anchor benchmark interleaved with the TorchSharp anchor (and optionally the
# NumPy + OpenBLAS one) for N rounds, configs a and b, then prints the anchors' summary table
# (medians over rounds, per-round ratios vs TorchSharp nn.LSTM with 2 threads).
#
# Usage: tests/CharLstmLab.Benchmarks/run-with-anchors.sh [ROUNDS] [--numpy]
#   ROUNDS  interleaved rounds (default 3); each round: a then b, TorchSharp then ours (then numpy)
# The anchors live outside this repository, in ../shared/anchors relative to the repo root
# (override with ANCHORS=/path); they must be set up once with their setup.sh.
set -u
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
ANCHORS="${ANCHORS:-$REPO/../shared/anchors}"
ROUNDS="${1:-3}"
NUMPY=0; [ "${2:-}" = "--numpy" ] && NUMPY=1

if [ ! -f "$ANCHORS/env.sh" ] || [ ! -f "$ANCHORS/summarize.py" ]; then
  echo "The performance anchors are not there: expected $ANCHORS/env.sh and summarize.py." >&2
  echo "They are not part of this repository; set ANCHORS=/path/to/shared/anchors." >&2
  exit 2
fi
# env.sh finds its own folder through $0, so source it in a shell whose $0 is env.sh itself.
{ read -r TS; read -r NP_OB; read -r CFG_A; read -r CFG_B; read -r BUILD; read -r CORPUS; } < <(
  bash -c '. "$0"; printf "%s\n" "$TS" "$NP_OB" "$CFG_A" "$CFG_B" "$BUILD" "$CORPUS"' "$ANCHORS/env.sh")
if [ ! -f "$BUILD/torchsharp/LstmTorch.dll" ] || [ ! -f "$CORPUS" ]; then
  echo "The anchors are not set up on this machine (missing $BUILD/torchsharp/LstmTorch.dll or $CORPUS)." >&2
  echo "Run once: (cd $ANCHORS && ./setup.sh)" >&2
  exit 2
fi

echo "building CharLstmLab.Benchmarks (Release)..." >&2
dotnet build "$REPO/tests/CharLstmLab.Benchmarks/CharLstmLab.Benchmarks.csproj" -c Release --nologo -v q >&2 || exit 1
OURS="dotnet $REPO/tests/CharLstmLab.Benchmarks/bin/Release/net10.0/CharLstmLab.Benchmarks.dll anchor --corpus $CORPUS"
FULL="--warmup 5 --steps 50 --sample 20000"

mkdir -p "$REPO/BenchmarkDotNet.Artifacts"
OUT="${OUT:-$REPO/BenchmarkDotNet.Artifacts/anchors-$(date +%Y%m%d-%H%M%S).log}"
run() { local tag="$1"; shift; echo "### round=$r cfg=$tag cmd=$*" >> "$OUT"; "$@" 2>&1 | grep -E "^RESULT" | sed "s/^RESULT /RESULT round=$r cfg=$tag /" | tee -a "$OUT" >&2; }
echo "# $(date -Is) $(nproc) cpus, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load: $(cat /proc/loadavg)" >> "$OUT"
for r in $(seq 1 "$ROUNDS"); do
  for cfg in a b; do
    if [ $cfg = a ]; then C="$CFG_A"; else C="$CFG_B"; fi
    run $cfg $TS $C $FULL --threads 2          # TorchSharp nn.LSTM, 2 threads: the reference row
    run $cfg $OURS $C $FULL --threads 2        # CharLstmLab, 2 threads
    [ $NUMPY = 1 ] && run $cfg $NP_OB $C $FULL --label openblas
  done
  echo "# round $r done $(date -Is) load: $(cat /proc/loadavg)" >> "$OUT"
done
echo "raw results: $OUT" >&2
grep '^#' "$OUT" >&2
python3 "$ANCHORS/summarize.py" "$OUT"
# Peak RSS of our process (VmHWM), per config, median over rounds.
python3 - "$OUT" <<'PY'
import sys, statistics
rss = {}
for line in open(sys.argv[1]):
    if line.startswith("RESULT") and "impl=charlstmlab" in line:
        kv = dict(x.split("=", 1) for x in line.split()[1:])
        rss.setdefault(kv["cfg"], []).append(float(kv["peak_rss_mib"]))
for cfg, v in sorted(rss.items()):
    print(f"charlstmlab peak RSS, config {cfg}: median {statistics.median(v):.1f} MiB (max {max(v):.1f})")
PY
