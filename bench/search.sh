#!/bin/sh
# Search benchmark: builds a generated 10,000-page site with the release binary, reports the search
# stage's share of build time, then measures bytes, query time and typo recall in headless Chromium,
# side by side with Pagefind when it is installed (PAGEFIND=/path/to/pagefind, default
# /tmp/pagefind-bench/node_modules/.bin/pagefind; install with `npm i pagefind` in that folder).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/senpack-search-bench}
pages=${PAGES:-10000}
pagefind=${PAGEFIND:-/tmp/pagefind-bench/node_modules/.bin/pagefind}
cd "$repo"
cargo build --release -q
node bench/search/generate.mjs "$work/site" "$pages"
mkdir -p "$work/site/themes"
cp -r themes/default "$work/site/themes/"
for run in 1 2; do
  target/release/senpack build --root "$work/site" --out "$work/out" -v 2>"$work/timings.txt"
done
cat "$work/timings.txt"
awk '{ all += $2; if ($1 != "write") stages += $2; if ($1 == "search") s = $2 } END {
  printf "search stage: %.0f ms; %.1f%% of the build stages (%.0f ms), %.1f%% of the build with writing (%.0f ms)\n", s, 100 * s / stages, stages, 100 * s / all, all }' "$work/timings.txt"
if [ -x "$pagefind" ]; then
  start=$(date +%s%N)
  "$pagefind" --site "$work/out" >/dev/null
  echo "pagefind indexing: $(( ($(date +%s%N) - start) / 1000000 )) ms"
else
  echo "pagefind: not installed at $pagefind"
fi
node bench/search/measure.mjs "$work/out" "$work/site/targets.json"
