#!/usr/bin/env bash
# Answer quality beyond the development set: ../shared/tools/qa-eval.mjs on ../shared/dev-qa.json (the seeds), on
# our own test questions (tests/ask/own-qa.json, the seeds) and on each set under eval/ (its own articles).
# Usage: npm run eval [-- --verbose]
#        npm run eval -- --ablate NAME[,NAME...]|all [--weights FILE]   each feature's and rule's effect (scripts/ablate.ts)
set -euo pipefail
cd "$(dirname "$0")/.."
for arg in "$@"; do
  if [ "$arg" = "--ablate" ]; then exec npx tsx scripts/ablate.ts "$@"; fi
done
qa_eval=../shared/tools/qa-eval.mjs
if [ ! -f "$qa_eval" ]; then
  echo "eval: $qa_eval not found; it ships in ../shared beside the project" >&2
  exit 1
fi
run() { printf '%-10s ' "$1"; shift; node "$qa_eval" "$@" | sed 's/^qa-eval: //'; }
run dev "$@"
run own --qa tests/ask/own-qa.json "$@"
summaries=$(mktemp)
trap 'rm -f "$summaries"' EXIT
for set in eval/set-*/; do
  run "$(basename "$set")" --qa "$set/qa.json" --articles "$set/articles" "$@" | tee -a "$summaries"
done
# The eval/ sets together: counts, as one set's rates say little about a change of a question or two.
awk '
  match($0, /hit@1 [0-9.]+ hit@3 [0-9.]+ .*negatives-empty [0-9]+\/[0-9]+ hard-negatives-empty [0-9]+\/[0-9]+ .*wrongly-declined [0-9]+\/[0-9]+/) {
    line = substr($0, RSTART, RLENGTH); k = split(line, f, /[ \/]+/)
    n = f[k]; sets++
    hit1 += int(f[2] * n + 0.5); hit3 += int(f[4] * n + 0.5); questions += n; declined += f[k - 1]
    for (i = 1; i <= k; i++) {
      if (f[i] == "negatives-empty") { off += f[i + 1]; offAll += f[i + 2] }
      if (f[i] == "hard-negatives-empty") { hard += f[i + 1]; hardAll += f[i + 2] }
    }
  }
  END { if (sets) printf "eval/ %d sets: hit@1 %d hit@3 %d of %d, answerable declined %d, negatives declined %d/%d off-topic, %d/%d hard\n", sets, hit1, hit3, questions, declined, off, offAll, hard, hardAll }
' "$summaries"
