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
for set in eval/set-*/; do
  run "$(basename "$set")" --qa "$set/qa.json" --articles "$set/articles" "$@"
done
