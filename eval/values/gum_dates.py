#!/usr/bin/env python3
"""Scores lede's DATE values against GUM's <date> annotations (train and dev documents only: the
test and test2 documents listed in splits.md are never read).

Each document's tokens are joined with single spaces (GUM gives no original spacing), one sentence
a line; the reference date is the document's dateCreated, as a caller would pass the article's
date. A predicted DATE matches a gold date when their spans overlap (each used once, in text
order); its value is right when it equals the gold's when, or from/to (notBefore/notAfter) when
the gold is a range.

Usage: gum_dates.py GUM_DIR LEDE_BINARY [--verbose]
"""
import json
import os
import re
import subprocess
import sys


def held_out(gum):
    names, section = set(), None
    with open(os.path.join(gum, "splits.md"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                section = line[3:].strip()
            m = re.match(r"\s*\*\s*(\S+)", line)
            if m and section in ("test", "test2"):
                names.add(m.group(1))
    return names


def attrs(tag):
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def read_document(path):
    """The text, its reference date and the gold dates [(start, end, gold value)]."""
    text, lines, words, open_dates, gold, ref = [], [], [], [], [], None
    offset = 0
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("<text "):
            ref = attrs(line).get("dateCreated")
        if line.startswith("<date"):
            open_dates.append((attrs(line), None))
        elif line.startswith("</date>"):
            a, start = open_dates.pop()
            if start is not None:
                gold.append((start, last_end, a))
        elif line.startswith("</s>"):
            if words:
                lines.append(" ".join(words))
                offset += 1  # the newline
                words = []
        elif line and not line.startswith("<"):
            token = line.split("\t")[0]
            start = offset + (1 if words else 0)
            words.append(token)
            offset = start + len(token)
            last_end = offset
            open_dates = [(a, s if s is not None else start) for a, s in open_dates]
    if words:
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n", ref, gold


def gold_value(a):
    if "when" in a:
        return a["when"]
    lo, hi = a.get("from", a.get("notBefore")), a.get("to", a.get("notAfter"))
    if lo and hi:
        return {"from": lo, "to": hi}
    return lo or hi


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    gum, lede = sys.argv[1], sys.argv[2]
    verbose = "--verbose" in sys.argv
    skip = held_out(gum)
    names = sorted(f[:-4] for f in os.listdir(os.path.join(gum, "xml"))
                   if f.endswith(".xml") and f[:-4] not in skip)
    tp = fp = fn = right = 0
    for name in names:
        text, ref, gold = read_document(os.path.join(gum, "xml", name + ".xml"))
        args = [lede, "analyze", "--offsets", "codepoint"]
        if ref and re.fullmatch(r"\d{4}-\d\d-\d\d", ref):
            args += ["--date", ref]
        out = subprocess.run(args, input=text, capture_output=True, text=True, check=True).stdout
        pred = [v for v in json.loads(out)["values"] if v["type"] == "DATE"]
        used = set()
        for v in pred:
            match = next((k for k, (s, e, _) in enumerate(gold)
                          if k not in used and s < v["end"] and v["start"] < e), None)
            if match is None:
                fp += 1
                if verbose:
                    print(f"FP {name}: {v['text']!r} {json.dumps(v['value'])}")
                continue
            used.add(match)
            tp += 1
            want = gold_value(gold[match][2])
            if v["value"] == want:
                right += 1
            elif verbose:
                print(f"VALUE {name}: {v['text']!r} {json.dumps(v['value'])} want {json.dumps(want)}")
        for k, (s, e, a) in enumerate(gold):
            if k not in used:
                fn += 1
                if verbose:
                    print(f"FN {name}: {text[s:e]!r} {json.dumps(gold_value(a))}  ... {text[max(0, s - 40):e + 30]!r}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"GUM dates (train+dev, {len(names)} documents, {tp + fn} gold dates): "
          f"precision {100 * p:.1f}%  recall {100 * r:.1f}%  span F1 (overlap) {100 * f1:.1f}%")
    print(f"  normalised value right: {right}/{tp} matched = {100 * right / max(tp, 1):.1f}%")


if __name__ == "__main__":
    main()
