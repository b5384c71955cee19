#!/usr/bin/env python3
"""Throughput and peak memory of `spinlint audit` on a large synthetic JSONL corpus.

The corpus is made of the seed texts under corpus/ and, with --data DIR, the `text` field of
DIR/news-clean/*.jsonl, each copy edited at random (a few words dropped, swapped with a
neighbour or doubled; paragraphs reordered) so that copies are near-duplicates, not identical
lines. It is written once to --out (default: a temporary directory) and audited with
`spinlint audit --format jsonl` single-threaded (-j 1) and with every core, under
`/usr/bin/time -v` for the peak resident memory and the CPU time (on a shared machine, MB per
CPU second is steadier than wall-clock MB/s). Output is discarded (written to /dev/null). With
--runs N, each audit runs N times, alternating the two, and the median and the range are given:
a shared machine's speed drifts from minute to minute.

    cargo build --release
    python3 benches/audit.py --data ../shared/data --size-mb 1024

The last line is key=value pairs for scripts. Standard library only; exits 0 unless the binary
or the data is missing (2).
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000


def sources(data):
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    if data:
        for path in sorted(Path(data, "news-clean").glob("*.jsonl")):
            with open(path, encoding="utf-8") as f:
                texts.extend(json.loads(line)["text"] for line in f if line.strip())
    return texts


def edit(text, rng):
    paras = text.split("\n\n")
    if len(paras) > 2 and rng.random() < 0.5:
        i = rng.randrange(len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    out = []
    for para in paras:
        words = para.split(" ")
        for _ in range(max(1, len(words) // 40)):
            i = rng.randrange(len(words))
            op = rng.random()
            if op < 0.33 and len(words) > 1:
                del words[i]
            elif op < 0.66 and i + 1 < len(words):
                words[i], words[i + 1] = words[i + 1], words[i]
            else:
                words.insert(i, words[i])
        out.append(" ".join(words))
    return "\n\n".join(out)


def build(path, texts, size, seed):
    rng = random.Random(seed)
    written = 0
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < size:
            for t in texts:
                line = json.dumps({"id": f"doc-{n}", "text": edit(t, rng)}, ensure_ascii=False) + "\n"
                f.write(line)
                written += len(line.encode("utf-8"))
                n += 1
                if written >= size:
                    break
    return n, written


def run(binary, corpus, threads):
    argv = ["/usr/bin/time", "-v", binary, "audit", "--format", "jsonl", "--quiet"]
    if threads:
        argv += ["-j", str(threads)]
    argv.append(str(corpus))
    t0 = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    rss = int(m.group(1)) / 1024 if m else float("nan")
    cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", p.stderr))
    return dt, rss, cpu, p.returncode


def median(values):
    v = sorted(values)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="shared data folder (news-clean/*.jsonl)")
    ap.add_argument("--bin", default=str(REPO / "target/release/spinlint"))
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--out", help="where to write the corpus (kept; reused if it exists)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=1, help="runs of each audit (median and range)")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        print(f"no binary at {args.bin}; run cargo build --release", file=sys.stderr)
        return 2
    texts = sources(args.data)
    if not texts:
        print("no source texts", file=sys.stderr)
        return 2
    tmp = None
    if args.out:
        corpus = Path(args.out)
    else:
        tmp = tempfile.TemporaryDirectory()
        corpus = Path(tmp.name, "corpus.jsonl")
    if not corpus.exists():
        print(f"writing {args.size_mb} MB to {corpus} ...", file=sys.stderr)
        build(corpus, texts, args.size_mb * MB, args.seed)
    size = corpus.stat().st_size / MB
    runs = {"single": [], "all": []}
    for i in range(max(1, args.runs)):
        for name, threads in (("single", 1), ("all", 0)):
            print(f"auditing with {'1 thread' if threads else 'all threads'} "
                  f"(run {i + 1}) ...", file=sys.stderr)
            dt, rss, cpu, rc = run(args.bin, corpus, threads)
            runs[name].append((size / dt, rss, size / max(cpu, 1e-9)))
            print(f"{name:>7}: {size:.0f} MB in {dt:.1f} s = {size / dt:.1f} MB/s, {cpu:.1f} CPU s "
                  f"({size / max(cpu, 1e-9):.1f} MB per CPU second), peak RSS {rss:.0f} MiB, exit {rc}")
    results = {}
    for name, rs in runs.items():
        # Median throughputs; the largest peak memory.
        results[name] = (median([r[0] for r in rs]), max(r[1] for r in rs), median([r[2] for r in rs]))
        if len(rs) > 1:
            mbps = sorted(r[0] for r in rs)
            print(f"{name:>7}: median {results[name][0]:.1f} MB/s over {len(rs)} runs "
                  f"(range {mbps[0]:.1f}-{mbps[-1]:.1f}), peak RSS up to {results[name][1]:.0f} MiB")
    print(
        f"size_mb={size:.0f} single_mbps={results['single'][0]:.1f} single_rss_mib={results['single'][1]:.0f} "
        f"all_mbps={results['all'][0]:.1f} all_rss_mib={results['all'][1]:.0f} "
        f"mb_per_cpu_s={results['all'][2]:.1f} threads={os.cpu_count()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
