#!/usr/bin/env bash
# npm run test:deep — the long run, nightly-style, beyond what npm test (10,000 fuzz payloads per function, one
# random seed) can afford on every change: the fuzz project at 40,000 payloads per function under several seeds,
# and the ledger model with many more random histories. Seeds are printed so a failure can be replayed:
#   FUZZ_SEEDS="123 456" FUZZ_RUNS=40000 npm run test:deep
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-40000}
seeds=${FUZZ_SEEDS:-"$((RANDOM * 32768 + RANDOM)) $((RANDOM * 32768 + RANDOM)) $((RANDOM * 32768 + RANDOM))"}
failed=0
for seed in $seeds; do
  echo "test:deep: fuzz at $runs payloads per function, seed $seed"
  FUZZ_RUNS=$runs FUZZ_SEED=$seed npx jest --selectProjects fuzz || { echo "test:deep: FAILED with seed $seed"; failed=1; }
done
for seed in $seeds; do
  echo "test:deep: ledger model, 100 histories, seed $seed"
  LEDGER_MODEL_RUNS=100 LEDGER_MODEL_SEED=$seed npx jest test/cloud/ledger-model.test.ts --selectProjects cloud ||
    { echo "test:deep: FAILED ledger model with seed $seed"; failed=1; }
done
exit $failed
