#!/usr/bin/env python3
"""Where a model's bytes go (issues 21, 24): each section and column of a tagger model
(lede-ner.bin) or an attribution model (lede-attribution.bin), raw and compressed alone with
gzip -9 (zlib level 9, as a browser download is), and the whole file, with brotli -11 too when
Node is on PATH (Python's standard library has no brotli). Compressed alone, a column's figure is
an upper bound of what it costs inside the whole file's stream, close for the noise-like ones
(keys, hashes) that no compressor shrinks.

Usage: bench/model-sizes.py [MODEL]   (default: models/lede-ner.bin; tagger format version 6,
attribution format version 3)
The layouts are core/src/tagger/model_format.h's and core/src/quotes/cue_model.h's; a file of
another version is refused.
"""
import shutil
import subprocess
import sys
import zlib

FORMAT_VERSION = 6
ATTRIBUTION_VERSION = 3


class Reader:
    def __init__(self, data, at=0):
        self.data, self.at = data, at

    def varint(self):
        value, shift = 0, 0
        while True:
            byte = self.data[self.at]
            self.at += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    def take(self, n):
        chunk = self.data[self.at:self.at + n]
        if len(chunk) != n:
            raise ValueError("the file ends inside a section")
        self.at += n
        return chunk


def low_bytes(bits):
    """model_format.h's low_bytes: the bytes of a key's part below its top 16 bits."""
    return (bits - 16 + 7) // 8


def attribution_sections(data):
    """(name, bytes) for every part of an attribution model, in file order."""
    version = int.from_bytes(data[8:12], "little")
    if version != ATTRIBUTION_VERSION:
        raise ValueError(f"attribution format version {version}; this script reads {ATTRIBUTION_VERSION}")
    counts = (int.from_bytes(data[16:20], "little"), int.from_bytes(data[20:24], "little"))
    out = [("header", data[:32])]
    r = Reader(data, 32)
    bits = r.varint()
    for name, count, columns in (("cue", counts[0], 2), ("source", counts[1], 1)):
        start = r.at
        width = r.varint()
        for _ in range(columns):
            r.varint()
        high_bytes = r.varint()
        out.append((f"{name}: scales and counts ({bits} key bits)", data[start:r.at]))
        out.append((f"{name}: key low parts", r.take(count * low_bytes(bits))))
        out.append((f"{name}: key high deltas", r.take(high_bytes)))
        out.append((f"{name}: weights ({width} bytes each)", r.take(count * columns * width)))
    if r.at != len(data):
        raise ValueError(f"{len(data) - r.at} bytes after the weights")
    return out


def brotli_size(data):
    """brotli -11's size of data through Node's zlib, or None without Node."""
    node = shutil.which("node")
    if not node:
        return None
    script = ("const z=require('zlib');const b=require('fs').readFileSync(0);"
              "console.log(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)")
    done = subprocess.run([node, "-e", script], input=data, capture_output=True, check=True)
    return int(done.stdout)


def sections(data):
    """(name, bytes) for every part of the file, in file order."""
    if data[:8] == b"LEDEATR\x1a":
        return attribution_sections(data)
    if data[:8] != b"LEDENER\x1a":
        raise ValueError("not a lede tagger or attribution model")
    version = int.from_bytes(data[8:12], "little")
    if version != FORMAT_VERSION:
        raise ValueError(f"format version {version}; this script reads {FORMAT_VERSION}")
    out = [("header", data[:32])]
    r = Reader(data, 32)

    def since(name, start):
        out.append((name, data[start:r.at]))

    start = r.at
    r.varint()  # labels
    count = r.varint()
    if count:
        n_paths = r.varint()
        for _ in range(n_paths):
            r.varint()
        high_bytes, index_bytes = r.varint(), r.varint()
        since("clusters: paths and counts", start)
        out.append(("clusters: hash low halves", r.take(2 * count)))
        out.append(("clusters: hash high deltas", r.take(high_bytes)))
        out.append(("clusters: path indices", r.take(index_bytes)))
    else:
        since("clusters: none", start)
    start = r.at
    for _ in range(r.varint()):
        r.take(r.varint())
    bits = r.varint()
    entries = r.varint()
    high_bytes, bits_bytes = r.varint(), r.varint()
    since(f"name lists: names and counts ({bits} key bits)", start)
    out.append(("name lists: key low parts", r.take(entries * low_bytes(bits))))
    out.append(("name lists: key high deltas", r.take(high_bytes)))
    out.append(("name lists: list bits", r.take(bits_bytes)))
    start = r.at
    stages = r.varint()
    for _ in range(stages * 18 * 18):
        r.varint()
    since("transitions", start)
    start = r.at
    count = r.varint()
    bits = r.varint()
    for _ in range(r.varint()):
        r.varint()
    high_bytes, index_bytes, weight_count = r.varint(), r.varint(), r.varint()
    since(f"features: label masks and counts ({bits} key bits)", start)
    out.append(("features: key low parts", r.take(count * low_bytes(bits))))
    out.append(("features: key high deltas", r.take(high_bytes)))
    out.append(("features: mask indices", r.take(index_bytes)))
    out.append(("features: scales", r.take(count)))
    out.append(("features: weights", r.take(weight_count)))
    if r.at != len(data):
        raise ValueError(f"{len(data) - r.at} bytes after the weights")
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "models/lede-ner.bin"
    data = open(path, "rb").read()
    try:
        parts = sections(data)
    except (ValueError, IndexError) as e:
        sys.exit(f"bench/model-sizes.py: {path}: {e}")
    print(f"{'section':40} {'raw':>9} {'gzip -9':>9}")
    for name, chunk in parts:
        print(f"{name:40} {len(chunk):9,} {len(zlib.compress(chunk, 9)):9,}")
    print(f"{'whole file':40} {len(data):9,} {len(zlib.compress(data, 9)):9,}")
    brotli = brotli_size(data)
    if brotli is not None:
        print(f"{'whole file, brotli -11':40} {'':9} {brotli:9,}")


if __name__ == "__main__":
    main()
