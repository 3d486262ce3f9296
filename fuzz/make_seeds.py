#!/usr/bin/env python3
"""Writes the committed seed corpus, fuzz/corpus/<target>/, from hand-written cases.

Each file is one input for its target (see the target's header comment for the format: analyze
and jsonl take an options byte first, model an odd/even mode byte). Run again after changing a
case; libFuzzer finds the rest. Seeds stay small (a few KB) so that CI's replay stays quick.
"""
import os
import re
import struct

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(ROOT)
with open(os.path.join(REPO, "core", "src", "tagger", "features.h")) as header:
    SCHEME = int(re.search(r"kFeatureScheme = (\d+);", header.read()).group(1))
with open(os.path.join(REPO, "core", "src", "tagger", "model_format.h")) as header:
    VERSION = int(re.search(r"kModelFormatVersion = (\d+);", header.read()).group(1))
REAL_MODEL = os.path.join(REPO, "models", "lede-ner.bin")
HEADER_SIZE = 32
# The word lists' digest (lede::lexicon_digest()) of this build, as the committed model records it
# (a test checks that it does): a seed model with another is refused for its lists.
with open(REAL_MODEL, "rb") as model:
    DIGEST = model.read(HEADER_SIZE)[24:32]
LABELS = 17  # ner::kLabels (1 + 4 types x BILU)
MAGIC = b"LEDENER\x1a"


def write(target, name, data):
    d = os.path.join(ROOT, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def varint(v):
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def signed(v):
    return varint((v << 1) ^ (v >> 63) if v >= 0 else ((-v) << 1) - 1)


def checksum(data):
    """ner::model_checksum: FNV-1a over little-endian 32-bit words, then the last bytes."""
    h = 2166136261
    whole = len(data) - len(data) % 4
    for i in range(0, whole, 4):
        h = ((h ^ struct.unpack_from("<I", data, i)[0]) * 16777619) & 0xFFFFFFFF
    for b in data[whole:]:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def spread_key(key):
    """ner::spread_key: the order of the keys in a model file."""
    return (key * 0x9E3779B1) & 0xFFFFFFFF


def model_file(payload, digest=DIGEST):
    """The format of core/src/tagger/model_format.h: the checksum covers the digest and payload."""
    return MAGIC + struct.pack("<IIII", VERSION, SCHEME, len(payload), checksum(digest + payload)) + digest + payload


def sorted_word_columns(words, bits=32):
    """model_format.h's SortedWordColumns: of each word's top `bits` bits, the part below the top
    16 in low_bytes(bits) bytes, and varint deltas of the top 16."""
    low, high, previous = b"", b"", 0
    for w in words:
        low += ((w & 0xFFFF) >> (32 - bits)).to_bytes((bits - 16 + 7) // 8, "little")
        high += varint((w >> 16) - previous)
        previous = w >> 16
    return low, high


def name_lists(lists=("city", "org"), entries=((0x12345600, 1), (0x56789A00, 3)), bits=24):
    """tagger/gazetteer.h's section: list names, key bits, entry count, the two varint columns'
    byte counts, then the columns (keys' low parts, their high deltas, list bits)."""
    low, high = sorted_word_columns([k for k, _ in entries], bits)
    list_bits = b"".join(varint(b) for _, b in entries)
    out = varint(len(lists)) + b"".join(varint(len(n)) + n.encode() for n in lists)
    out += varint(bits) + varint(len(entries)) + varint(len(high)) + varint(len(list_bits))
    return out + low + high + list_bits


def payload(stages, clusters=((17, 5), (40, 9), (70000, 5)), key_bits=24):
    """stages: one {key: {label: int8 weight}} per stage, each key's scale key % 7 + 1; the format
    of core/src/tagger/model_format.h (version 6: columns, keys kept to their top key_bits bits;
    the keys given must differ in those)."""
    out = varint(LABELS) + varint(len(clusters))
    if clusters:
        paths = sorted(set(p for _, p in clusters))
        low, high = sorted_word_columns([w for w, _ in clusters])
        indices = b"".join(varint(paths.index(p)) for _, p in clusters)
        out += varint(len(paths)) + b"".join(varint(p) for p in paths)
        out += varint(len(high)) + varint(len(indices)) + low + high + indices
    out += name_lists()
    out += varint(len(stages))
    for _ in stages:
        out += b"".join(signed((i % 7) - 3) for i in range((LABELS + 1) ** 2))
    kept = (0xFFFFFFFF << (32 - key_bits)) & 0xFFFFFFFF
    keys = sorted(set(k for s in stages for k in s if spread_key(k) & kept), key=spread_key)
    masks, scales, weights = [], b"", b""
    for k in keys:
        mask = 0
        for s, features in enumerate(stages):
            for y, w in sorted(features.get(k, {}).items()):
                mask |= 1 << (s * LABELS + y)
                weights += struct.pack("<b", w)
        masks.append(mask)
        scales += bytes([k % 7 + 1])
    table = sorted(set(masks))
    low, high = sorted_word_columns([spread_key(k) & kept for k in keys], key_bits)
    indices = b"".join(varint(table.index(m)) for m in masks)
    out += varint(len(keys)) + varint(key_bits) + varint(len(table)) + b"".join(varint(m) for m in table)
    out += varint(len(high)) + varint(len(indices)) + varint(len(weights))
    return out + low + high + indices + scales + weights


article = open(os.path.join(REPO, "samples", "article.txt"), "rb").read()
texts = {
    "article-head": article[:1500],
    "article-tail": article[-1500:],
    "quotes": '“We will not back down,” said Maria Lopez, the mayor of Springfield. '
              'He called it “a disgrace.” \'Really?\' she asked. "Nested \'single\' «marks»"'.encode(),
    "abbrev": b"Mr. J.R.R. Tolkien of the U.S. arrived at 3.5 p.m. on Jan. 4... Then he left! Dr. Who?",
    "unicode": "Zoë Ωmega Москва 東京 👨‍👩‍👧 🇫🇷 e\u0301 #tag @handle a@b.co https://x.org/a?b=1 — – ‘ ’".encode(),
    "invalid-utf8": b"abc \xff\xfe \xc0\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x80 tail\x00NUL \xf0\x9f\x98",
    "paragraphs": b"First line.\nWrapped line.\n\nSecond paragraph.\r\n\r\nThird.\xe2\x80\xa9Fourth.",
    "empty": b"",
    "spaces": b" \t\n  \r\n ",
}
for i, (name, text) in enumerate(texts.items()):
    write("analyze", name, bytes([i % 8]) + text)

jsonl = [
    b'{"id": 1, "text": "Angela Merkel said: \\"Yes.\\""}\n{"id": "b", "text": ""}\n',
    b'not json\n{"text": 5}\n[1,2]\n{"id": null}\n\n  \t\n{"text":"ok"}\r\n',
    b'{"id": {"nested": [1]}, "text": "\\ud800 lone \\u00e9 \\u0000 NUL"}\n\xff\xfe\n{"text": "x"',
    b'{"text": "\xe2\x80\x9cQuote,\xe2\x80\x9d he said."}\n' * 3,
]
for i, data in enumerate(jsonl):
    write("jsonl", "case%d" % i, bytes([i]) + data)

options = [
    b"analyze\0--offsets\0utf16\0--tokens\0--pretty\0file.txt",
    b"analyze\0--jsonl\0--threads\0004\0-",
    b"analyze\0--jsonl\0--threads\0-1",
    b"analyze\0--threads\0 12",
    b"tag\0--conll\0--model\0m.bin",
    b"summary\0--tokens",
    b"analyze\0--offsets",
    b"frobnicate",
    b"utf16",
]
for i, data in enumerate(options):
    write("options", "case%d" % i, data)

one_stage = payload([{1: {0: 5}, 2: {3: -7, 16: 127}, 1000: {1: -127}}])
two_stage = payload([{3: {2: 1}, 9: {5: -3}}, {5: {4: 2}, 9: {0: 1, 1: 1}}])
write("model", "one-stage", b"\0" + one_stage)
write("model", "two-stage", b"\0" + two_stage)
write("model", "no-clusters", b"\0" + payload([{1: {0: 1}}], clusters=()))
write("model", "key-bits-32", b"\0" + payload([{1: {0: 5}, 7: {2: -4}}], key_bits=32))
write("model", "file-one-stage", b"\1" + model_file(one_stage))
write("model", "file-bad-checksum", b"\1" + model_file(two_stage)[:-1] + b"\x55")
write("model", "file-truncated", b"\1" + model_file(two_stage)[:100])
write("model", "file-bad-version", b"\1" + MAGIC + struct.pack("<IIII", 9, SCHEME, 0, checksum(DIGEST)) + DIGEST)
# A model trained with other word lists, one of format version 3 (no digest, a 24-byte header) and
# one claiming version 4 (int16 records) and one claiming version 5 (32-bit keys; the header alone
# says so).
write("model", "file-other-lists", b"\1" + model_file(one_stage, bytes(b ^ 0x5A for b in DIGEST)))
write("model", "file-version-3", b"\1" + MAGIC + struct.pack("<IIII", 3, SCHEME, len(one_stage), checksum(one_stage)) + one_stage)
write("model", "file-version-5", b"\1" + MAGIC + struct.pack("<IIII", 5, SCHEME, len(one_stage), checksum(DIGEST + one_stage)) + DIGEST + one_stage)
write("model", "file-version-4", b"\1" + MAGIC + struct.pack("<IIII", 4, SCHEME, len(one_stage), checksum(DIGEST + one_stage)) + DIGEST + one_stage)
# The real model's payload, cut: the cluster table as lede-train writes it.
with open(REAL_MODEL, "rb") as model:
    write("model", "real-payload-prefix", b"\0" + model.read()[HEADER_SIZE:HEADER_SIZE + 3000])
