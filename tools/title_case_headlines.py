#!/usr/bin/env python3
"""Writes a CoNLL-2003 file with the ALL-CAPS lines of every fourth document (its headline and
dateline: "EU REJECTS GERMAN CALL TO BOYCOTT BRITISH LAMB .") in Title Case ("EU Rejects German
Call to Boycott British Lamb ."), the tags unchanged.

Reuters 1996 wrote its headlines in capitals; the articles users paste today write theirs in Title
Case, where a tagger trained on capitals alone reads every word as a name ("Donald Trump Ties
Hillary Clinton" was one PERSON). Each word is written as the document's body writes it, with a
capital first letter (so "EU" stays "EU" and "rejects" becomes "Rejects"); a word the body never
writes gets a capital and lower case after it; short function words after the first are lower
case, as headline styles write them. Every fourth document only, so that the tagger still meets
ALL-CAPS headlines as often as their Title Case twins (models/MODEL.md gives the figures).

Usage: tools/title_case_headlines.py IN.conll OUT.conll
"""
import collections
import sys

FUNCTION_WORDS = {'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'of', 'in', 'on', 'at', 'to', 'for', 'by',
                  'with', 'from', 'as', 'vs', 'vs.', 'v'}
EVERY = 4  # documents 1, 5, 9, ... (counting from 0) are converted


def documents(lines):
    """The file's documents, each a list of lines starting with its -DOCSTART- line."""
    doc = []
    for line in lines:
        if line.startswith('-DOCSTART-') and doc:
            yield doc
            doc = []
        doc.append(line)
    if doc:
        yield doc


def sentences(doc):
    """The token lines of each sentence of a document (blank lines end sentences)."""
    sentence = []
    for line in doc[1:]:
        if line.strip():
            sentence.append(line)
        elif sentence:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def all_caps(sentence):
    """Two or more words of letters, every letter a capital: a headline or a dateline."""
    words = [line.split()[0] for line in sentence]
    lettered = [w for w in words if any(c.isalpha() for c in w)]
    longer = [w for w in lettered if sum(c.isalpha() for c in w) > 1]
    return len(longer) >= 2 and all(w.upper() == w for w in lettered)


def title_cased(doc):
    """The document's lines with its ALL-CAPS sentences in Title Case."""
    sents = list(sentences(doc))
    body = collections.defaultdict(collections.Counter)  # lower-cased word -> how the body writes it
    for s in sents:
        if not all_caps(s):
            for line in s:
                w = line.split()[0]
                body[w.lower()][w] += 1
    out = [doc[0]]
    if len(doc) > 1 and not doc[1].strip():
        out.append(doc[1])
    for s in sents:
        convert = all_caps(s)
        first = True
        for line in s:
            cols = line.split(' ')
            w = cols[0]
            if convert and any(c.isalpha() for c in w):
                lower = w.lower()
                if lower in FUNCTION_WORDS and not first:
                    cols[0] = lower
                elif body[lower]:
                    seen = body[lower].most_common(1)[0][0]
                    cols[0] = seen if seen.upper() == seen else seen[0].upper() + seen[1:]
                else:
                    cols[0] = w[0] + w[1:].lower()
                first = False
            out.append(' '.join(cols))
        out.append('')
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding='utf-8') as f:
        lines = f.read().split('\n')
    while lines and not lines[-1].strip():
        lines.pop()
    out = []
    for k, doc in enumerate(documents(lines)):
        out.extend(title_cased(doc) if k % EVERY == 1 else doc)
    with open(sys.argv[2], 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()
