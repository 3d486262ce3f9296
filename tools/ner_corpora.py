#!/usr/bin/env python3
"""Named-entity corpora beside CoNLL-2003, read into one form (documents of sentences of (word,
IOB2 tag)), for training and for scoring the tagger the two ways it is met: from CoNLL columns
(`lede tag --conll`, the tokens given) and from raw text (`lede analyze`, lede's own tokens; each
mention is mapped back to the gold tokens it overlaps).

Parts (fixed splits; an evaluation part is never trained on nor used to choose settings):
  wikigold        WikiGold's evaluation part: the last 45 of its 145 documents (IO tags as IOB2)
  wikigold-train  its first 100 documents
  gum             GUM's dev documents, all genres but reddit (whose words are masked in the
                  corpus as distributed); the test and test2 documents are never read
  gum-train       GUM's train documents of the CC BY genres: academic, court (CC BY 4.0),
                  interview, news (Wikinews, CC BY 2.5). Never the NC genres (essay, fiction,
                  letter, podcast, whow, reddit) nor the share-alike ones (bio, voyage), nor the
                  genres whose text licence LICENSE.txt does not state (conversation, speech,
                  textbook, vlog)
  btc             the Broad Twitter Corpus's held-out half: the second half of section H's
                  tweets in file order, as the corpus's authors propose; PER/ORG/LOC only, so
                  predicted MISC is dropped before scoring; one tweet a document
  btc-train       sections A, B, E, F, G and the first half of H

GUM's names come from its entity layer: a mention whose head (the token whose syntactic head lies
outside it) is a proper noun (NNP); person, place and organization become PER, LOC, ORG, the
other kinds MISC, time expressions nothing; the outermost such mention wins, and its name is the
run of proper nouns around the head, with numbers after them and connectors between them ("Bay
of Bengal", "Apollo 11"; CoNLL spans have no "the", title or apposition).

Raw text: GUM keeps its spacing (SpaceAfter=No), paragraphs separated by a blank line; WikiGold
and BTC give none, so tokens are joined with one space except before closing punctuation and
clitics and after opening brackets, one sentence a line.

Usage:
  ner_corpora.py {columns|raw} PART DATA_DIR LEDE_BINARY [--model FILE]
      print "word gold predicted" lines, documents separated by -DOCSTART-, for lede-conll-eval
  ner_corpora.py conll PART DATA_DIR
      print the part in CoNLL columns ("word tag"), for lede-train --extra
  ner_corpora.py text PART DATA_DIR
      print the part's raw texts as JSONL ({"id", "text"}), for `lede analyze --jsonl`: the
      text scripts/build runs to profile the native build
"""
import json
import os
import re
import subprocess
import sys



class Document:
    def __init__(self, name):
        self.name = name
        self.sentences = []  # [[(word, gold IOB2 tag)]]
        self.text = None  # the original text, when the corpus keeps its spacing
        self.spans = None  # [(start, end)] codepoint offsets of each token into self.text


def iob2(tags):
    """IO or IOB tags as IOB2 (an I- that does not continue its type starts a name)."""
    out, prev = [], "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


def read_columns(path, word_col, tag_col, sep=None):
    """Blank-line separated sentences, with -DOCSTART- lines kept as None markers."""
    sentences, current = [], []
    for line in open(path, encoding="utf-8"):
        cols = line.rstrip("\n").split(sep)
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        if cols[0] == "-DOCSTART-":
            if current:
                sentences.append(current)
                current = []
            sentences.append(None)
            continue
        # A few BTC rows have no word or one with spaces inside: lede's readers split on spaces.
        for k, piece in enumerate(cols[word_col].split()):
            tag = cols[tag_col]
            current.append((piece, "I-" + tag[2:] if k and tag != "O" else tag))
    if current:
        sentences.append(current)
    return sentences


def with_iob2(sentence):
    return list(zip([w for w, _ in sentence], iob2([t for _, t in sentence])))


def wikigold(data, train):
    path = os.path.join(data, "ner-extra/wikigold/CONLL-format/data/wikigold.conll.txt")
    # The file starts without a -DOCSTART- line and ends with one: documents are the non-empty
    # runs between them.
    docs, current = [], Document("wikigold-1")
    for s in read_columns(path, 0, 1, " ") + [None]:
        if s is not None:
            current.sentences.append(with_iob2(s))
        elif current.sentences:
            docs.append(current)
            current = Document(f"wikigold-{len(docs) + 1}")
    if len(docs) != 145:
        sys.exit(f"ner_corpora.py: {path} has {len(docs)} documents, expected 145")
    return docs[:100] if train else docs[100:]


def at_mentions(tweet):
    """BTC writes "@user" as two tokens, each its own name ("@" B-PER, "user" B-PER): one token
    "@user" with the user's tag, as the tweet had it."""
    out = []
    for k, (word, tag) in enumerate(tweet):
        if k and out[-1][0] == "@" and tweet[k - 1][0] == "@":
            out[-1] = ("@" + word, tag)
        else:
            out.append((word, tag))
    return out


def btc(data, train):
    def tweets(section):
        path = os.path.join(data, f"ner-extra/btc/CONLL-format/data/{section}.conll")
        return [(f"btc-{section}-{k + 1}", s) for k, s in enumerate(read_columns(path, 0, 1, "\t")) if s]

    h = tweets("h")
    if train:
        chosen = [t for section in "abefg" for t in tweets(section)] + h[:len(h) // 2]
    else:
        chosen = h[len(h) // 2:]
    docs = []
    for name, tweet in chosen:
        d = Document(name)
        d.sentences.append(with_iob2(at_mentions(tweet)))
        docs.append(d)
    return docs


def gum_splits(gum):
    """{split: [document names]} from splits.md's "## split" sections of "  * name" items."""
    splits = {}
    text = open(os.path.join(gum, "splits.md"), encoding="utf-8").read()
    for block in text.split("\n## ")[1:]:
        title, _, items = block.partition("\n")
        splits[title.strip()] = re.findall(r"^\s*\*\s*(\S+)", items, re.M)
    return splits


GUM_TYPES = {"person": "PER", "place": "LOC", "organization": "ORG", "time": None, "quantity": None}
ENTITY_OPEN = re.compile(r"\((\d+)-([a-z]+)")
ENTITY_CLOSE = re.compile(r"(?<![(\d])(\d+)\)")


def gum_mentions(rows):
    """[(first, end, etype)] of one sentence's mentions from its Entity fields."""
    open_at, found = {}, []
    for i, row in enumerate(rows):
        field = next((f[7:] for f in row[9].split("|") if f.startswith("Entity=")), "")
        # An opener closed on the same token is written "(id-...-link)".
        for part in re.findall(r"\([^()]*\)?|\d+\)", field):
            m = ENTITY_OPEN.match(part)
            if m:
                if part.endswith(")"):
                    found.append((i, i + 1, m.group(2)))
                else:
                    open_at.setdefault(m.group(1), []).append((i, m.group(2)))
            else:
                c = ENTITY_CLOSE.match(part)
                if c and open_at.get(c.group(1)):
                    start, etype = open_at[c.group(1)].pop()
                    found.append((start, i + 1, etype))
    return found


def proper(row):
    # The Penn tag, not UPOS: GUM's UPOS calls "United" (States) or "National" (Library) ADJ.
    return row[4] in ("NNP", "NNPS")


CONNECTORS = {"of", "the", "de", "and", "&", "-", "–", "for", "on", "upon"}


def name_run(rows, head, first, end):
    """The name around a proper-noun head, inside the mention [first, end): proper nouns, a
    number right after one ("Apollo 11"), and connectors between them ("Bay of Bengal")."""

    def part(i):
        return proper(rows[i]) or (rows[i][3] == "NUM" and i > first and proper(rows[i - 1]))

    a, b = head, head + 1
    while True:
        if a > first and part(a - 1):
            a -= 1
        elif a - 1 > first and rows[a - 1][1].lower() in CONNECTORS and part(a - 2):
            a -= 2
        elif a - 2 > first and rows[a - 1][1].lower() == "the" and rows[a - 2][1].lower() == "of" \
                and part(a - 3):
            a -= 3
        else:
            break
    while True:
        if b < end and part(b):
            b += 1
        elif b + 1 < end and rows[b][1].lower() in CONNECTORS and part(b + 1):
            b += 2
        elif b + 2 < end and rows[b][1].lower() == "of" and rows[b + 1][1].lower() == "the" \
                and part(b + 2):
            b += 3
        else:
            break
    return a, b


def gum_names(rows):
    """IOB2 tags for one sentence: the outermost mentions headed by a proper noun."""
    tags = ["O"] * len(rows)
    taken = [False] * len(rows)
    for first, end, etype in sorted(gum_mentions(rows), key=lambda m: (m[0] - m[1], m[0])):
        label = GUM_TYPES.get(etype, "MISC")
        if label is None:
            continue
        inside = range(first, end)
        heads = [i for i in inside if not (first < int(rows[i][6]) <= end)]
        if len(heads) != 1 or not proper(rows[heads[0]]) or any(taken[i] for i in inside):
            continue
        word = rows[heads[0]][1]
        if "://" in word or word.startswith(("www.", "#")) or "@" in word:
            continue  # web and mail addresses, hashtags: not names in CoNLL's guidelines
        first, end = name_run(rows, heads[0], first, end)
        for i in range(first, end):
            tags[i] = ("B-" if i == first else "I-") + label
            taken[i] = True
    return tags


GUM_TRAIN_GENRES = ("academic", "court", "interview", "news")


def gum(data, train):
    gum_dir = os.path.join(data, "gum")
    splits = gum_splits(gum_dir)
    if train:
        held = set(splits["dev"] + splits["test"] + splits["test2"])
        names = sorted(n[:-7] for n in os.listdir(os.path.join(gum_dir, "dep"))
                       if n.endswith(".conllu") and n[:-7] not in held
                       and n.split("_")[1] in GUM_TRAIN_GENRES)
    else:
        # The reddit documents' words are masked ("_____") unless regenerated from reddit's API.
        names = [n for n in splits["dev"] if not n.startswith("GUM_reddit_")]
    docs = []
    for name in names:
        d = Document(name)
        text, spans, rows = [], [], []
        pos = 0

        def end_sentence():
            nonlocal pos
            if not rows:
                return
            tags = gum_names(rows)
            d.sentences.append([(r[1], t) for r, t in zip(rows, tags)])
            rows.clear()

        for line in open(os.path.join(gum_dir, "dep", name + ".conllu"), encoding="utf-8"):
            line = line.rstrip("\n")
            if line.startswith("# newpar") and not line.startswith("# newpar_"):
                if text:
                    text.append("\n\n")
                    pos += 2
            elif not line:
                end_sentence()
                if text and not text[-1].isspace():
                    text.append(" ")
                    pos += 1
            elif not line.startswith("#"):
                row = line.split("\t")
                if not row[0].isdigit():
                    continue  # multi-word token ranges and empty nodes
                spans.append((pos, pos + len(row[1])))
                text.append(row[1])
                pos += len(row[1])
                if "SpaceAfter=No" not in row[9]:
                    text.append(" ")
                    pos += 1
                rows.append(row)
        end_sentence()
        d.text = "".join(text)
        d.spans = spans
        docs.append(d)
    return docs


NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re",
                   "'ve", "'ll", "'d", "'m", "..."}
NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "@"}


def detokenize(doc):
    """Text and token spans for a corpus without spacing: one sentence a line."""
    text, spans, pos = [], [], 0
    for sentence in doc.sentences:
        prev = None
        for word, _ in sentence:
            if prev is not None and word not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
                text.append(" ")
                pos += 1
            spans.append((pos, pos + len(word)))
            text.append(word)
            pos += len(word)
            prev = word
        text.append("\n")
        pos += 1
    return "".join(text), spans


def run(args, stdin):
    try:
        return subprocess.run(args, input=stdin, capture_output=True, text=True, check=True).stdout
    except subprocess.CalledProcessError as e:
        sys.exit(f"ner_corpora.py: {' '.join(args)} failed: {e.stderr.strip()}")


def columns_predictions(docs, lede, model):
    lines = []
    for d in docs:
        lines.append("-DOCSTART- O")
        for s in d.sentences:
            lines += [f"{w} {t}" for w, t in s]
            lines.append("")
    out = run([lede, "tag", "--conll", "-"] + model, "\n".join(lines) + "\n")
    preds, doc = [], None
    for line in out.split("\n"):
        cols = line.split(" ")
        if cols[0] == "-DOCSTART-":
            doc = []
            preds.append(doc)
        elif len(cols) >= 3:
            doc.append(cols[-1])
    return preds


def raw_text(d):
    """The document's raw text: the corpus's own, else detokenised (its token spans kept)."""
    if d.text is None:
        d.text, d.spans = detokenize(d)
    return d.text


def raw_predictions(docs, lede, model):
    requests = [json.dumps({"id": k, "text": raw_text(d)}) for k, d in enumerate(docs)]
    out = run([lede, "analyze", "--jsonl", "-", "--threads", "2", "--offsets", "codepoint"] + model,
              "\n".join(requests) + "\n")
    preds = []
    for line, d in zip(out.splitlines(), docs):
        result = json.loads(line)
        if "error" in result:
            sys.exit(f"ner_corpora.py: lede could not analyse {d.name}: {result['error']}")
        tags = ["O"] * len(d.spans)
        mentions = sorted((m["start"], m["end"], e["type"]) for e in result["entities"]
                          for m in e["mentions"])
        t = 0
        for start, end, etype in mentions:
            label = {"PERSON": "PER"}.get(etype, etype)
            while t < len(d.spans) and d.spans[t][1] <= start:
                t += 1
            first = True
            k = t
            # A token belongs to the mention when they overlap (lede may split a gold token).
            while k < len(d.spans) and d.spans[k][0] < end:
                if tags[k] == "O":
                    tags[k] = ("B-" if first else "I-") + label
                    first = False
                k += 1
        preds.append(tags)
    return preds


PARTS = {"wikigold": (wikigold, False), "wikigold-train": (wikigold, True), "gum": (gum, False),
         "gum-train": (gum, True), "btc": (btc, False), "btc-train": (btc, True)}
USAGE = """usage: ner_corpora.py {columns|raw} PART DATA_DIR LEDE_BINARY [--model FILE]
       ner_corpora.py {conll|text} PART DATA_DIR
PART: """ + " ".join(PARTS)


def write_conll(docs, out, predictions=None, drop_misc=False):
    for n, d in enumerate(docs):
        out.write("-DOCSTART- O O\n\n" if predictions else "-DOCSTART- O\n\n")
        k = 0
        for s in d.sentences:
            for w, gold in s:
                if predictions is None:
                    out.write(f"{w} {gold}\n")
                    continue
                pred = predictions[n][k]
                k += 1
                if drop_misc and pred.endswith("MISC"):
                    pred = "O"
                out.write(f"{w} {gold} {pred}\n")
            out.write("\n")


def write_texts(docs, out):
    """One JSON line a document, {"id": name, "text": its raw text}: as `raw` mode analyses it."""
    for d in docs:
        out.write(json.dumps({"id": d.name, "text": raw_text(d)}, ensure_ascii=False) + "\n")


def main(argv):
    mode = argv[1] if len(argv) > 1 else None
    wanted = {"conll": (4,), "text": (4,), "columns": (5, 7), "raw": (5, 7)}.get(mode, ())
    if len(argv) not in wanted or argv[2] not in PARTS or (len(argv) == 7 and argv[5] != "--model"):
        sys.exit(USAGE)
    read, train = PARTS[argv[2]]
    docs = read(argv[3], train)
    if mode == "conll":
        write_conll(docs, sys.stdout)
        return
    if mode == "text":
        write_texts(docs, sys.stdout)
        return
    lede, model = argv[4], argv[5:7]
    predict = columns_predictions if mode == "columns" else raw_predictions
    write_conll(docs, sys.stdout, predict(docs, lede, model), drop_misc=read is btc)


if __name__ == "__main__":
    main(sys.argv)
