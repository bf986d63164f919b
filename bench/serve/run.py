#!/usr/bin/env python3
"""Benchmark of `senpack serve` on a generated 10,000-page site.

Measures (release build of senpack):
  * edit-to-served: the median over 20 edits of one page's text, from the moment the file is
    saved to the moment the server answers with the new text (budget: 100 ms);
  * a full rebuild in serve mode (after a site.yaml change, save to "Built" line) against
    `senpack build` of the same site (wall time, median of 3).
Usage: python3 bench/serve/run.py [PAGES]   (from the repository root)
"""
import http.client
import os
import re
import statistics
import subprocess
import sys
import shutil
import tempfile
import threading
import time
import queue

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(REPO, "target", "release", "senpack")


def lines_of(proc, q):
    for line in proc.stdout:
        q.put((time.monotonic(), line.rstrip("\n")))


def wait_line(q, pattern, timeout=300):
    end = time.monotonic() + timeout
    while True:
        t, line = q.get(timeout=max(0.1, end - time.monotonic()))
        m = re.search(pattern, line)
        if m:
            return t, m


def fetch(conn, path):
    conn.request("GET", path)
    r = conn.getresponse()
    return r.status, r.read().decode("utf-8", "replace")


def main():
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    work = tempfile.mkdtemp(prefix="senpack-serve-bench-")
    try:
        run(os.path.join(work, "site"), pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(site, pages):
    subprocess.run([sys.executable, os.path.join(REPO, "bench/serve/gen_site.py"), site, str(pages)], check=True)

    builds = []
    for _ in range(3):
        t = time.monotonic()
        subprocess.run([BIN, "build", "--root", site], check=True, capture_output=True)
        builds.append(time.monotonic() - t)
    print(f"senpack build (full, writes output/): median {statistics.median(builds) * 1000:.0f} ms of {[round(b * 1000) for b in builds]}")

    proc = subprocess.Popen([BIN, "serve", "--root", site, "--port", "0"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    q = queue.Queue()
    threading.Thread(target=lines_of, args=(proc, q), daemon=True).start()
    try:
        _, m = wait_line(q, r"Built ([\d,]+) pages in (\d+) ms")
        print(f"serve: first full build {m.group(2)} ms ({m.group(1)} pages)")
        _, m = wait_line(q, r"Serving the site at http://([\d.]+):(\d+)/")
        host, port = m.group(1), int(m.group(2))
        conn = http.client.HTTPConnection(host, port, timeout=30)

        full = []
        yaml = os.path.join(site, "site.yaml")
        base = open(yaml).read()
        for i in range(3):
            time.sleep(0.5)
            with open(yaml, "w") as f:
                f.write(base + f"# touch {i}\n")
            saved = time.monotonic()
            t, m = wait_line(q, r"Built ([\d,]+) pages in (\d+) ms")
            full.append((t - saved, int(m.group(2)) / 1000))
        print("serve: full rebuild after a site.yaml save: median {:.0f} ms save-to-built ({:.0f} ms building)".format(
            statistics.median(f[0] for f in full) * 1000, statistics.median(f[1] for f in full) * 1000))

        rel = "s3/u0/p050.md"
        path = os.path.join(site, "content", rel)
        url = "/s3/u0/p050/"
        original = open(path).read()
        times, rendered = [], []
        for i in range(20):
            time.sleep(0.3)
            token = f"edit-number-{i}-{time.time_ns()}"
            with open(path, "w") as f:
                f.write(original.replace("## Details", f"## Details\n\nNew text {token}."))
            saved = time.monotonic()
            while True:
                status, body = fetch(conn, url)
                if token in body:
                    break
                if time.monotonic() - saved > 10:
                    raise SystemExit("the edit never appeared")
            times.append(time.monotonic() - saved)
            _, m = wait_line(q, r"Rebuilt (.*) in ([\d.]+) ms")
            rendered.append((m.group(1), float(m.group(2))))
        ms = sorted(t * 1000 for t in times)
        print(f"serve: edit one page, save to new page served: median {statistics.median(ms):.1f} ms, "
              f"min {ms[0]:.1f}, max {ms[-1]:.1f} (budget 100 ms)")
        print(f"serve: each edit rebuilt {rendered[0][0]}; rebuild itself median "
              f"{statistics.median(r[1] for r in rendered):.1f} ms")

        # The search index follows each edit on a thread of its own, after the page is served.
        search = []
        for i in range(5):
            time.sleep(3)
            while not q.empty():
                q.get()
            with open(path, "w") as f:
                f.write(original.replace("## Details", f"## Details\n\nSearchable searchword{i}x."))
            saved = time.monotonic()
            t, m = wait_line(q, r"Search index updated in ([\d.]+) ms")
            search.append((t - saved, float(m.group(1))))
        print("serve: edit one page, save to search index updated: median {:.0f} ms ({:.0f} ms making the index)".format(
            statistics.median(x[0] for x in search) * 1000, statistics.median(x[1] for x in search)))
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
