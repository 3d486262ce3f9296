#!/usr/bin/env python3
"""Where a tagger model's bytes go (issue 21): each section and column of a lede-ner.bin, raw and
compressed alone with gzip -9 (zlib level 9, as a browser download is), and the whole file.
Compressed alone, a column's figure is an upper bound of what it costs inside the whole file's
stream, close for the noise-like ones (keys, hashes) that no compressor shrinks.

Usage: bench/model-sizes.py [MODEL]   (default: models/lede-ner.bin; format version 6)
The layout is model_format.h's; a file of another version is refused.
"""
import sys
import zlib

FORMAT_VERSION = 6


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


def sections(data):
    """(name, bytes) for every part of the file, in file order."""
    if data[:8] != b"LEDENER\x1a":
        raise ValueError("not a lede tagger model")
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


if __name__ == "__main__":
    main()
