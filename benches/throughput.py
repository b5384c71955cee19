#!/usr/bin/env python3
"""Throughput benchmark for the spinlint command-line linter.

What is measured (wall clock with time.perf_counter around subprocess.run,
process start-up included; every number is the median of --runs timed runs
taken after one untimed warm-up run):

1. Single-thread throughput:
   ``spinlint check --format json --fail-on never -j 1 FILE > /dev/null``, in MB/s.
2. Parallel throughput: the same text cut into ~1,000 files in one directory,
   checked with the default thread count.
3. Baseline: ``wc -w FILE`` on the same file, and the ratio spinlint / wc.
4. Start-up: ``spinlint check --format json -`` with empty stdin, and
   ``spinlint rules > /dev/null``, in ms.
5. Table growth: single-thread throughput again with an extra generated rule
   pack (``--rules DIR``) holding about 10x as many entries as the bundled
   packs (estimated from rules/**/*.yaml; 40,000 when there is nothing to count).
   Most pack words are taken from the input so the matcher gets real hits;
   spun forms that occur in the input (also as singular/plural variants or
   with several words substituted) are avoided, so the findings (and the JSON
   output) stay the same as without the pack. Also printed, without a target:
   start-up with the pack loaded, and the growth ratio with each run's
   start-up time subtracted (matching cost alone).

Input: one plain-text file (default 50 MB, MB = 10^6 bytes) in a temporary
directory, made of the .txt files under corpus/ plus either the ``text`` field
of every line of DIR/news-clean/*.jsonl (with --data DIR) or seeded synthetic
English-like text, repeated until the size is reached.

Run from anywhere, after a release build:

    cargo build --release
    python3 benches/throughput.py --data ../shared/data [--size-mb 50] [--runs 5] [--json out.json]

The output is a table with PASS/MISS beside each target and a last
``key=value`` line for scripts. The exit status is always 0 (this is a
measurement, not a test) except 2 when the binary is missing or an input
option is unusable. Standard library only.
"""

import argparse
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000
SPLIT_FILES = 1000
SYNTH_BLOCK_BYTES = 4 * MB
FALLBACK_PACK_ENTRIES = 40_000
PACK_VOCAB_SIZE = 3000

TARGET_MBPS = 100.0
TARGET_WC_RATIO = 0.5
TARGET_STARTUP_MS = 50.0
TARGET_GROWTH = 0.20

COMMON_WORDS = """
the of and to a in is it that was for on are with as he be at by this had not
but from or have an they which one you were her all she there would their we
him been has when who will more no if out so said what up its about into than
them can only other new some could time these two may then do first any my now
such like our over man me even most made after also did many before must
through back years where much your way well down should because each just those
people how too little state good very make world still own see men work long
get here between both life being under never day same another know while last
might us great old year off come since against go came right used take three
states himself few house use during without again place american around however
home small found thought went say part once general high upon school every
does got united left number course war until always away something fact though
water less public put think almost hand enough far took head yet government
system better set told nothing night end why called find going look asked
later knew point next program city business give group toward young days let
room president side social given present several order national possible rather
second face per among form important often things looked early white case john
become large big need four within felt along children saw best church ever
least power development light thing seemed family interest want members others
mind country area done open god service certain kind problem began different
door thus help means sense whole matter perhaps itself york times law human line
above name example company action local show whether five history gave today
either act feet across taken past quite anything seen having death week
experience body word half really field am car words already themselves
information tell together college shall money period held keep sure probably
free seems political real behind cannot miss question air office making brought
whose special major heard problems federal became study ago moment available
known result street economic boy position reason change south board individual
job society areas west close turned love community true court force full seem
policy evidence research market report growth price value energy support
""".split()

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]


class RunError(Exception):
    """A benchmarked command failed, timed out or could not be started."""


# ---------------------------------------------------------------- arguments


def parse_args(argv=None):
    """Parse the command line."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, help="shared data dir holding news-clean/*.jsonl")
    p.add_argument("--bin", type=Path, default=REPO / "target/release/spinlint",
                   help="spinlint binary (default: target/release/spinlint)")
    p.add_argument("--size-mb", type=float, default=50.0, help="input size in MB (10^6 bytes)")
    p.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median)")
    p.add_argument("--json", type=Path, metavar="OUT", help="also write all results as JSON")
    p.add_argument("--seed", type=int, default=1, help="seed for synthetic text and pack")
    p.add_argument("--pack-entries", type=int, default=0,
                   help="entries in the growth pack (default: 10x bundled, or 40,000)")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per run")
    args = p.parse_args(argv)
    if args.runs < 1 or args.size_mb <= 0:
        p.error("--runs must be >= 1 and --size-mb > 0")
    return args


def resolve_binary(path):
    """Return the binary path, or exit 2 with a build hint when it is missing."""
    if path.is_file() and os.access(path, os.X_OK):
        return path.resolve()
    print(f"error: spinlint binary not found at {path}\n"
          f"       build it first:  cargo build --release   (in {REPO})", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- input text


def read_corpus(corpus_dir):
    """Texts of the plain .txt files under corpus/ (sorted, recursive)."""
    if not corpus_dir.is_dir():
        return []
    files = sorted(corpus_dir.rglob("*.txt"))
    return [f.read_text(encoding="utf-8", errors="replace").strip() for f in files]


def read_news(news_dir):
    """The `text` field of every JSON line in news_dir/*.jsonl, one string per document."""
    docs = []
    for path in sorted(news_dir.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text", "") if line.strip() else ""
                paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
                if paragraphs:
                    docs.append("\n\n".join(paragraphs))
    return docs


def synthetic_sentence(rng, cum_weights):
    """One English-like sentence drawn from COMMON_WORDS with Zipf-like weights."""
    words = rng.choices(COMMON_WORDS, cum_weights=cum_weights, k=rng.randint(6, 24))
    for i in range(2, len(words) - 2):
        if rng.random() < 0.06:
            words[i] += ","
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice("........?!")


def synthetic_text(rng, n_bytes):
    """Seeded synthetic paragraphs (3-7 sentences each) separated by blank lines."""
    cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(COMMON_WORDS))))
    paragraphs, size = [], 0
    while size < n_bytes:
        para = " ".join(synthetic_sentence(rng, cum) for _ in range(rng.randint(3, 7)))
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs)


def load_unit(args):
    """Return (unit text repeated to build the input, kind, human description)."""
    corpus = read_corpus(REPO / "corpus")
    if args.data:
        news_dir = args.data / "news-clean"
        docs = read_news(news_dir)
        if not docs:
            print(f"error: no documents in {news_dir}/*.jsonl", file=sys.stderr)
            sys.exit(2)
        kind, desc = "news-clean", f"news-clean: {len(docs)} documents from {news_dir}"
    else:
        block = min(SYNTH_BLOCK_BYTES, int(args.size_mb * MB))
        docs = [synthetic_text(random.Random(args.seed), block)]
        kind = "synthetic"
        desc = (f"synthetic English-like text (seed {args.seed},"
                f" {len(COMMON_WORDS)}-word vocabulary)")
    desc += f" + corpus/: {len(corpus)} .txt files"
    return "\n\n".join(docs + corpus), kind, desc


def write_repeated(unit, path, n_bytes):
    """Write unit repeatedly to path up to n_bytes, cutting at a blank line; return the size."""
    data = unit.strip().encode("utf-8") + b"\n\n"
    copies, rest = divmod(n_bytes, len(data))
    cut = data[:rest].rfind(b"\n\n")
    tail = data[:cut + 2] if cut >= 0 else b""
    with open(path, "wb") as fh:
        for _ in range(copies):
            fh.write(data)
        fh.write(tail)
    return path.stat().st_size, len(data)


def split_file(path, out_dir, n_files=SPLIT_FILES):
    """Cut path into about n_files .txt files at blank lines; return the file count."""
    content = path.read_bytes()
    out_dir.mkdir()
    chunk = max(1, len(content) // n_files)
    start, count = 0, 0
    while start < len(content):
        end = content.find(b"\n\n", start + chunk)
        end = len(content) if end < 0 else end + 2
        (out_dir / f"part-{count:04d}.txt").write_bytes(content[start:end])
        start, count = end, count + 1
    return count


# ---------------------------------------------------------------- rule packs


def count_flow_items(value):
    """Number of top-level items in an inline YAML list or map such as [a, b] or {a: b}."""
    inner = value.strip()[1:-1]
    if not inner.strip():
        return 0
    depth, quote, commas = 0, None, 0
    for ch in inner:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "," and depth == 0:
            commas += 1
    return commas + 1


def yaml_lines(text):
    """(indent, body) of each non-blank, non-comment line, with trailing comments cut."""
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip()
        body = line.lstrip()
        if body and not body.startswith("#"):
            yield len(line) - len(body), body


def count_yaml_entries(text):
    """Line-based estimate of list items and map entries inside the tables of a pack."""
    count, field_indent, entry_indent = 0, None, None
    for indent, body in yaml_lines(text):
        if re.match(r"- (rule|name|kind):", body):
            field_indent, entry_indent = indent + 2, None
        elif field_indent is None or indent < field_indent:
            continue
        elif indent == field_indent and body.startswith("- "):
            count += 1
        elif indent == field_indent:
            value = body.partition(":")[2].strip()
            count += count_flow_items(value) if value[:1] in ("[", "{") else 0
            entry_indent = None
        else:
            entry_indent = entry_indent or indent
            count += indent == entry_indent
    return count


def count_bundled_entries(rules_dir):
    """(estimated entry count, file count) of the bundled packs in rules/**/*.yaml."""
    files = sorted(rules_dir.rglob("*.yaml")) if rules_dir.is_dir() else []
    total = sum(count_yaml_entries(f.read_text(encoding="utf-8")) for f in files)
    return total, len(files)


def stem(word):
    """Crude singular key: spinlint also matches the plural/singular counterpart of a word."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if word.endswith("e") else word


def stems(words):
    """Tuple of stem keys, the form in which n-grams are compared."""
    return tuple(stem(w) for w in words)


def input_vocabulary(unit):
    """(common words of the input, set of its word bigrams and trigrams as stem keys)."""
    tokens = re.findall(r"[a-z]+", unit.lower())
    counts = Counter(tokens)
    vocab = [w for w, n in counts.most_common() if len(w) >= 3 and n >= 2][:PACK_VOCAB_SIZE]
    keys = stems(tokens)
    grams = set(zip(keys, keys[1:]))
    grams.update(zip(keys, keys[1:], keys[2:]))
    return vocab, grams


def invent_word(rng, taken):
    """A new lower-case pseudo-word (letters only) not in taken; it is added to taken."""
    while True:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4)))
        if word not in taken:
            taken.add(word)
            return word


def make_collocations(rng, vocab, n_col, n_sub):
    """(words that get substitutes, distinct input-word pairs each holding one of them)."""
    sub_words = rng.sample(vocab, min(n_sub, len(vocab)))
    colls, seen = [], set()
    for _ in range(n_col * 20):
        if len(colls) >= n_col:
            break
        pair = (rng.choice(sub_words), rng.choice(vocab))
        pair = pair[::-1] if rng.random() < 0.5 else pair
        if pair[0] != pair[1] and pair not in seen:
            seen.add(pair)
            colls.append(pair)
    return sub_words, colls


def tortured_absent(uses, substitute, grams, stem_subs):
    """True when no spun form of the collocations using substitute occurs in the input.

    Everything is compared as stem keys, because spinlint also matches the
    singular/plural counterparts of words and substitutes, and several words of
    a collocation may be substituted at once."""
    for coll, i in uses:
        options = [[w] + stem_subs.get(w, []) for w in coll]
        options[i] = [stem(substitute)]
        if any(form in grams for form in itertools.product(*options)):
            return False
    return True


def pick_substitutes(rng, word, uses, vocab, grams, taken, stem_subs):
    """1-3 substitutes for word: input words when their spun forms are absent, else invented."""
    chosen = []
    for _ in range(rng.randint(1, 3)):
        for _attempt in range(10):
            cand = rng.choice(vocab) if rng.random() < 0.6 else invent_word(rng, taken)
            if (stem(cand) != stem(word) and cand not in chosen
                    and tortured_absent(uses, cand, grams, stem_subs)):
                break
        else:
            cand = invent_word(rng, taken)
        chosen.append(cand)
    return chosen


def make_substitutions(rng, sub_words, colls, vocab, grams, taken):
    """Map each substituted word that occurs in a collocation to its substitutes."""
    uses, subs, stem_subs = {}, {}, {}
    for coll in colls:
        for i, word in enumerate(coll):
            uses.setdefault(stem(word), []).append((stems(coll), i))
    for word in sub_words:
        if stem(word) in uses:
            subs[word] = pick_substitutes(rng, word, uses[stem(word)], vocab, grams, taken,
                                          stem_subs)
            stem_subs.setdefault(stem(word), []).extend(stems(subs[word]))
    return subs


def make_phrases(rng, n_phr, vocab, grams, taken):
    """Tortured -> original phrases of 2-3 words, mostly input words, never found verbatim."""
    phrases = {}
    for _ in range(n_phr * 20):
        if len(phrases) >= n_phr:
            break
        words = [rng.choice(vocab) for _ in range(rng.choice((2, 2, 3)))]
        if rng.random() < 0.3:
            words[-1] = invent_word(rng, taken)
        key = " ".join(words)
        if stems(words) in grams or key in phrases or len(set(words)) < len(words):
            continue
        phrases[key] = f"{rng.choice(vocab)} {invent_word(rng, taken)}"
    return phrases


def yaml_block(key, items, indent="    "):
    """A YAML block list or map under key; items are ready-made lines."""
    if not items:
        return [f"{indent}{key}: {{}}" if key != "collocations" else f"{indent}{key}: []"]
    return [f"{indent}{key}:"] + [f"{indent}  {item}" for item in items]


def pack_yaml(colls, subs, phrases):
    """Render the synthetic-growth pack; every string is double-quoted (letters and spaces only)."""
    lines = ["pack: synthetic-growth",
             'description: "Synthetic entries for the table-growth benchmark."',
             'source: "generated by benches/throughput.py"', "tables:",
             "  - rule: tortured-phrase", "    name: synthetic-collocations",
             "    kind: collocations"]
    lines += yaml_block("collocations", [f'- "{a} {b}"' for a, b in colls])
    lines += yaml_block("substitutions", [f'"{w}": [{", ".join(chr(34) + s + chr(34) for s in ss)}]'
                                          for w, ss in subs.items()])
    lines += ["  - rule: tortured-phrase", "    name: synthetic-phrases", "    kind: phrases"]
    lines += yaml_block("phrases", [f'"{k}": "{v}"' for k, v in phrases.items()])
    return "\n".join(lines) + "\n"


def input_word_share(colls, subs, phrases, vocab):
    """Fraction of the words on the matched side of the pack that occur in the input."""
    words = [w for c in colls for w in c] + [s for ss in subs.values() for s in ss]
    words += [w for k in phrases for w in k.split()]
    known = set(vocab)
    return sum(w in known for w in words) / max(1, len(words))


def build_pack(pack_dir, unit, n_entries, seed):
    """Write pack_dir/synthetic-growth.yaml with about n_entries entries; return its stats."""
    rng = random.Random(seed)
    vocab, grams = input_vocabulary(unit)
    taken = set(vocab)
    n_col = int(n_entries * 0.4)
    sub_words, colls = make_collocations(rng, vocab, n_col, int(n_entries * 0.1))
    subs = make_substitutions(rng, sub_words, colls, vocab, grams, taken)
    phrases = make_phrases(rng, n_entries - len(colls) - len(subs), vocab, grams, taken)
    pack_dir.mkdir()
    path = pack_dir / "synthetic-growth.yaml"
    path.write_text(pack_yaml(colls, subs, phrases), encoding="utf-8")
    return {"path": str(path), "collocations": len(colls), "substitutions": len(subs),
            "phrases": len(phrases), "entries": len(colls) + len(subs) + len(phrases),
            "input_word_share": round(input_word_share(colls, subs, phrases, vocab), 3),
            "bytes": path.stat().st_size}


# ---------------------------------------------------------------- preparing


def prepare(tmp, args):
    """Build the input file, the split directory and the growth pack under tmp."""
    unit, kind, desc = load_unit(args)
    big = tmp / "input.txt"
    log(f"writing {args.size_mb:g} MB input ({kind}) ...")
    size, unit_bytes = write_repeated(unit, big, int(args.size_mb * MB))
    n_files = split_file(big, tmp / "split")
    bundled, n_rule_files = count_bundled_entries(REPO / "rules")
    n_entries = args.pack_entries or (10 * bundled if bundled else FALLBACK_PACK_ENTRIES)
    log(f"generating growth pack with about {n_entries} entries ...")
    pack = build_pack(tmp / "pack", unit, n_entries, args.seed)
    return {"file": big, "split_dir": tmp / "split", "pack_dir": tmp / "pack",
            "kind": kind, "description": desc, "bytes": size, "unit_bytes": unit_bytes,
            "split_files": n_files, "bundled_entries": bundled,
            "bundled_files": n_rule_files, "pack": pack}


# ---------------------------------------------------------------- timing


def log(message):
    """Progress note on stderr (stdout holds only the report)."""
    print(message, file=sys.stderr, flush=True)


def run_once(cmd, timeout, ok_codes, capture=False):
    """Run cmd once with empty stdin; return (seconds, bytes written to stdout)."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out,
                              stderr=subprocess.PIPE, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RunError(f"{exc.__class__.__name__}: {exc}") from exc
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok_codes:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RunError(f"exit {proc.returncode}: {' | '.join(err[:3]) or '(no stderr)'}")
    return elapsed, len(proc.stdout or b"")


def measure(label, cmd, args, ok_codes=(0, 1)):
    """One warm-up run, then args.runs timed runs; median seconds or an error."""
    log(f"measuring {label}: {' '.join(map(str, cmd))}")
    try:
        _, out_bytes = run_once(cmd, args.timeout, ok_codes, capture=True)
        times = [run_once(cmd, args.timeout, ok_codes)[0] for _ in range(args.runs)]
    except RunError as exc:
        log(f"  failed: {exc}")
        return {"cmd": list(map(str, cmd)), "error": str(exc)}
    return {"cmd": list(map(str, cmd)), "median_s": statistics.median(times),
            "times_s": [round(t, 6) for t in times], "stdout_bytes": out_bytes}


def run_all(binary, prep, args):
    """Every measurement, keyed by short name."""
    check = [binary, "check", "--format", "json"]
    single = check + ["--fail-on", "never", "-j", "1"]
    return {
        "single": measure("single thread", single + [prep["file"]], args),
        "parallel": measure("parallel", check + ["--fail-on", "never", prep["split_dir"]], args),
        "wc": measure("wc -w", ["wc", "-w", prep["file"]], args, ok_codes=(0,)),
        "startup": measure("start-up", check + ["-"], args),
        "rules": measure("rules", [binary, "rules"], args, ok_codes=(0,)),
        "growth": measure("growth", single + ["--rules", prep["pack_dir"], prep["file"]], args),
        "growth_startup": measure("start-up + pack",
                                  check + ["--rules", prep["pack_dir"], "-"], args),
    }


# ---------------------------------------------------------------- report


def mbps(result, n_bytes):
    """Throughput in MB/s, or None when the measurement failed."""
    return n_bytes / MB / result["median_s"] if "median_s" in result else None


def ratio(a, b):
    """a / b, or None when either is missing."""
    return a / b if a is not None and b else None


def scan_ratio(ms):
    """Growth ratio with each run's start-up time (incl. rule loading) subtracted."""
    if None in (ms["single"], ms["startup"], ms["growth"], ms["growth_startup"]):
        return None
    return ratio(ms["single"] - ms["startup"], ms["growth"] - ms["growth_startup"])


def derive(results, prep):
    """Headline numbers computed from the raw measurements."""
    ms = {k: r["median_s"] * 1000 if "median_s" in r else None for k, r in results.items()}
    single = mbps(results["single"], prep["bytes"])
    growth = mbps(results["growth"], prep["bytes"])
    wc = mbps(results["wc"], prep["bytes"])
    return {"single_mbps": single, "parallel_mbps": mbps(results["parallel"], prep["bytes"]),
            "wc_mbps": wc, "wc_ratio": ratio(single, wc), "startup_ms": ms["startup"],
            "rules_ms": ms["rules"], "growth_mbps": growth,
            "growth_ratio": ratio(growth, single), "growth_startup_ms": ms["growth_startup"],
            "growth_scan_ratio": scan_ratio(ms),
            "single_ms": ms["single"], "parallel_ms": ms["parallel"], "wc_ms": ms["wc"],
            "growth_ms": ms["growth"]}


def verdict(value, ok):
    """PASS / MISS for a number, or ERROR when it could not be measured."""
    return "ERROR" if value is None else ("PASS" if ok(value) else "MISS")


def targets(num):
    """(key, target text, verdict) for every target."""
    lo, hi = 1 - TARGET_GROWTH, 1 + TARGET_GROWTH
    checks = [
        ("single_mbps", f">= {TARGET_MBPS:g} MB/s", lambda v: v >= TARGET_MBPS),
        ("wc_ratio", f">= {TARGET_WC_RATIO:g}x wc -w", lambda v: v >= TARGET_WC_RATIO),
        ("startup_ms", f"< {TARGET_STARTUP_MS:g} ms", lambda v: v < TARGET_STARTUP_MS),
        ("rules_ms", f"< {TARGET_STARTUP_MS:g} ms", lambda v: v < TARGET_STARTUP_MS),
        ("growth_ratio", f"{lo:.2f}x .. {hi:.2f}x", lambda v: lo <= v <= hi),
    ]
    return [(key, text, verdict(num[key], ok)) for key, text, ok in checks]


def fmt(value, unit, digits=1):
    """A number with its unit, or a dash."""
    sep = "" if unit == "x" else " "
    return "-" if value is None else f"{value:,.{digits}f}{sep}{unit}"


def header_lines(binary, prep, args):
    """The description block printed above the table."""
    pack = prep["pack"]
    bundled = (f"~{prep['bundled_entries']:,} entries in {prep['bundled_files']} rules/**/*.yaml files"
               if prep["bundled_files"] else "no rules/**/*.yaml found to count")
    return [
        "spinlint throughput benchmark",
        f"  binary  {binary}",
        f"  input   {prep['description']}",
        f"          {prep['unit_bytes'] / MB:.2f} MB of text repeated (or cut)"
        f" to {prep['bytes'] / MB:.2f} MB:"
        f" 1 file, and {prep['split_files']} files for the parallel run",
        f"  packs   bundled: {bundled}",
        f"          synthetic: {pack['entries']:,} entries ({pack['collocations']:,} collocations,"
        f" {pack['substitutions']:,} substitutions, {pack['phrases']:,} phrases;"
        f" {pack['input_word_share']:.0%} of matched-side words occur in the input)",
        f"  timing  median of {args.runs} runs after 1 warm-up, wall clock incl. start-up;"
        f" MB = 10^6 bytes; {os.cpu_count()} CPUs",
    ]


def table_rows(num, prep):
    """(measurement, median, rate, target key) rows of the table."""
    single, growth = fmt(num["single_mbps"], "MB/s"), fmt(num["growth_mbps"], "MB/s")
    return [
        ("check -j 1 (single thread)", num["single_ms"], single, "single_mbps"),
        (f"check, default threads, {prep['split_files']} files", num["parallel_ms"],
         fmt(num["parallel_mbps"], "MB/s"), None),
        ("wc -w (baseline)", num["wc_ms"], fmt(num["wc_mbps"], "MB/s"), None),
        ("spinlint / wc -w", None, fmt(num["wc_ratio"], "x", 2), "wc_ratio"),
        ("start-up: check --format json -", num["startup_ms"], "", "startup_ms"),
        ("start-up: rules", num["rules_ms"], "", "rules_ms"),
        ("check -j 1 --rules <synthetic pack>", num["growth_ms"], growth, None),
        ("growth ratio (with pack / bundled)", None, fmt(num["growth_ratio"], "x", 2),
         "growth_ratio"),
        ("start-up with synthetic pack", num["growth_startup_ms"], "", None),
        ("growth ratio, start-up subtracted", None, fmt(num["growth_scan_ratio"], "x", 2), None),
    ]


def print_report(binary, prep, args, results, num):
    """The human-readable table, then errors, then the key=value line."""
    print("\n".join(header_lines(binary, prep, args)) + "\n")
    checks = {key: (text, result) for key, text, result in targets(num)}
    print(f"{'measurement':<38}{'median':>12}{'rate':>14}   {'target':<18}result")
    print("-" * 90)
    for name, ms, rate, key in table_rows(num, prep):
        text, result = checks.get(key, ("", ""))
        print(f"{name:<38}{fmt(ms, 'ms'):>12}{rate:>14}   {text:<18}{result}".rstrip())
    for key, res in results.items():
        if "error" in res:
            print(f"error in {key}: {res['error']}")
    passed = sum(r == "PASS" for _, _, r in targets(num))
    print(f"\ntargets met: {passed}/{len(checks)} (results depend on the machine)")
    print(kv_line(num, prep, args, f"{passed}/{len(checks)}"))


def kv_line(num, prep, args, met):
    """Single machine-readable line: key=value pairs separated by spaces."""
    keys = ["single_mbps", "parallel_mbps", "wc_mbps", "wc_ratio", "startup_ms",
            "rules_ms", "growth_mbps", "growth_ratio", "growth_startup_ms", "growth_scan_ratio"]
    pairs = [f"{k}={'na' if num[k] is None else f'{num[k]:.3f}'}" for k in keys]
    pairs += [f"input={prep['kind']}", f"size_mb={prep['bytes'] / MB:.2f}",
              f"bundled_entries={prep['bundled_entries']}",
              f"pack_entries={prep['pack']['entries']}", f"runs={args.runs}",
              f"targets_met={met}"]
    return " ".join(pairs)


def write_json(out, binary, prep, args, results, num):
    """All inputs, raw timings, derived numbers and verdicts as JSON."""
    info = {k: str(v) if isinstance(v, Path) else v for k, v in prep.items()}
    doc = {"binary": str(binary), "runs": args.runs, "input": info, "results": results,
           "numbers": num, "targets": {k: {"target": t, "result": r} for k, t, r in targets(num)}}
    out.write_text(json.dumps(doc, indent=2, default=str) + "\n", encoding="utf-8")


def main(argv=None):
    """Prepare inputs, run every measurement, print the report; exit 0."""
    args = parse_args(argv)
    binary = resolve_binary(args.bin)
    with tempfile.TemporaryDirectory(prefix="spinlint-bench-") as tmp:
        prep = prepare(Path(tmp), args)
        results = run_all(binary, prep, args)
    num = derive(results, prep)
    print_report(binary, prep, args, results, num)
    if args.json:
        write_json(args.json, binary, prep, args, results, num)
    return 0


if __name__ == "__main__":
    sys.exit(main())
