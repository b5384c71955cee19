#!/usr/bin/env python3
"""Runs `spinlint audit` as a PySpark mapper (RDD.pipe, local mode, several partitions), then the
cluster step over the mapped records, and checks that every record equals a direct run's.

usage: pipe_audit.py SPINLINT_BIN CORPUS_DIR

The documents are the seed texts of CORPUS_DIR and edited copies of them (a few hundred in all),
so that there are clusters across partitions. Every field but `line` (a line of the mapper's own
input) must agree. Exits 0 when the records agree, 1 otherwise.
"""
import json
import os
import random
import subprocess
import sys
import tempfile


def documents(corpus):
    rng = random.Random(7)
    seeds = []
    for name in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, name), encoding="utf-8") as f:
            seeds.append(f.read())
    docs = []
    for i in range(300):
        words = seeds[i % len(seeds)].split(" ")
        for _ in range(len(words) // 30):
            j = rng.randrange(len(words))
            words[j] = words[j].upper() if rng.random() < 0.5 else words[j] + "s"
        docs.append({"id": f"doc-{i}", "text": " ".join(words)})
    return docs


def main():
    binary, corpus = os.path.abspath(sys.argv[1]), sys.argv[2]
    from pyspark import SparkConf, SparkContext

    docs = documents(corpus)
    lines = [json.dumps(d) for d in docs]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "corpus.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        direct = subprocess.run([binary, "audit", "--format", "jsonl", "--quiet", "-"],
                                input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
        conf = SparkConf().setMaster("local[2]").setAppName("spinlint-audit")
        sc = SparkContext(conf=conf)
        sc.setLogLevel("ERROR")
        try:
            mapper = f"{binary} audit - --format jsonl --no-cluster --signatures --quiet"
            mapped = sc.parallelize(lines, 4).pipe(mapper).collect()
        finally:
            sc.stop()
        parts = os.path.join(tmp, "mapped.jsonl")
        with open(parts, "w", encoding="utf-8") as f:
            f.write("\n".join(mapped) + "\n")
        reduced = subprocess.run([binary, "audit", "--cluster", "--format", "jsonl", "--quiet", parts],
                                 capture_output=True, text=True, check=True)
    want = [json.loads(l) for l in direct.stdout.splitlines()]
    got = [json.loads(l) for l in reduced.stdout.splitlines()]
    # `line` counts lines of each mapper's own input (a partition), so it differs from a direct
    # run's; every other field, the cluster included, must be the same.
    for r in got:
        r.pop("signature", None)
        r.pop("line", None)
    for r in want:
        r.pop("line", None)
    ok = len(want) == len(docs) and got == want
    clusters = {r["cluster"] for r in want if r["cluster"] is not None}
    print(f"{len(got)} records from 4 partitions, {len(clusters)} clusters: {'same as a direct run' if ok else 'DIFFERENT'}")
    if not ok:
        for a, b in zip(want, got):
            if a != b:
                print("direct:", json.dumps(a)[:300], "\nspark: ", json.dumps(b)[:300])
                break
    return 0 if ok and len(clusters) >= 2 else 1


if __name__ == "__main__":
    sys.exit(main())
