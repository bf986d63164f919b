#!/usr/bin/env python3
"""Writes a synthetic senpack site of about N pages for the serve benchmark.

Ten top-level sections (the main navigation), each with sub-sections of 100 pages; pages link to
their neighbours and to a page in another section, so incremental rebuilds have real dependencies.
Usage: gen_site.py DIR [PAGES]
"""
import os
import random
import shutil
import sys

WORDS = ("school support plan child parent meeting review help need teacher council "
         "assessment report advice time right ask write letter family service local").split()


def para(rng, n=60):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def page(title, body, weight=0):
    return (f"---\ntitle: \"{title}\"\ndescription: \"About {title.lower()}.\"\n"
            f"reviewed: 2026-11-01\nweight: {weight}\n---\n{body}")


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    rng = random.Random(7)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "content"))
    shutil.copytree(os.path.join(repo, "themes", "default"), os.path.join(out, "themes", "default"))
    with open(os.path.join(out, "site.yaml"), "w") as f:
        f.write('title: Bench site\ndescription: A generated site.\nbase_url: "https://bench.example"\n')
    sections, per_sub = 10, 100
    subs = max(1, total // (sections * per_sub))
    files = {"_index.md": page("Home", "## Welcome\n\n" + para(rng) + "\n")}
    for s in range(sections):
        files[f"s{s}/_index.md"] = page(f"Section {s:02}", "## About\n\n" + para(rng) + "\n", s)
        for u in range(subs):
            files[f"s{s}/u{u}/_index.md"] = page(f"Topic {s:02}-{u:02}", para(rng) + "\n", u)
            for p in range(per_sub):
                other = f"../../s{(s + 1) % sections}/u{u}/p{p:03}.md"
                nxt = f"p{(p + 1) % per_sub:03}.md"
                body = (f"## Overview\n\n{para(rng)}\n\n## Details\n\n{para(rng, 120)}\n\n"
                        f"See [the next page]({nxt}) and [a related page]({other}#overview).\n\n"
                        f"- {para(rng, 10)}\n- {para(rng, 10)}\n")
                files[f"s{s}/u{u}/p{p:03}.md"] = page(f"Page {s:02}-{u:02}-{p:03}", body, p)
    for rel, text in files.items():
        path = os.path.join(out, "content", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    print(f"wrote {len(files)} pages to {out}")


if __name__ == "__main__":
    main()
