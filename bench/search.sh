#!/bin/sh
# Search benchmark: builds a generated 10,000-page site with the release binary, reports what the
# index adds to the build time (search on against off), then measures bytes, query time and typo recall in headless Chromium,
# side by side with Pagefind when it is installed (PAGEFIND=/path/to/pagefind, default
# /tmp/pagefind-bench/node_modules/.bin/pagefind; install with `npm i pagefind` in that folder).
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/dev/shm/senpack-search-bench}
pages=${PAGES:-10000}
pagefind=${PAGEFIND:-/tmp/pagefind-bench/node_modules/.bin/pagefind}
cd "$repo"
cargo build --release -q
node bench/search/generate.mjs "$work/site" "$pages"
mkdir -p "$work/site/themes"
cp -r themes/default "$work/site/themes/"
# The index's cost: the same site built with search on and off (best of three each, writing included).
best() {
  for run in 1 2 3; do
    target/release/senpack build --root "$work/site" --out "$1" 2>/dev/null | sed -n 's/.* in \([0-9.]*\) s$/\1/p'
  done | sort -n | head -1
}
cp "$work/site/site.yaml" "$work/site.yaml.on"
printf 'search: false\n' >>"$work/site/site.yaml"
off=$(best "$work/out-nosearch")
cp "$work/site.yaml.on" "$work/site/site.yaml"
on=$(best "$work/out")
target/release/senpack build --root "$work/site" --out "$work/out" -v 2>"$work/timings.txt" >/dev/null
cat "$work/timings.txt"
awk -v on="$on" -v off="$off" 'BEGIN {
  printf "build with search: %.2f s, without: %.2f s; the index adds %.1f%% to the build\n", on, off, 100 * (on - off) / off }'
if [ -x "$pagefind" ]; then
  start=$(date +%s%N)
  "$pagefind" --site "$work/out" >/dev/null
  echo "pagefind indexing: $(( ($(date +%s%N) - start) / 1000000 )) ms"
else
  echo "pagefind: not installed at $pagefind"
fi
node bench/search/measure.mjs "$work/out" "$work/site/targets.json"
