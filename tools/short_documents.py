#!/usr/bin/env python3
"""Writes a CoNLL-2003 file with documents cut into documents of one sentence each, the tags
unchanged: every document, or with --every N every Nth (the third, then every Nth after it).

Users paste short texts too: a headline, a sentence, a paragraph ("Google said on Monday it would
cut jobs."). The tagger's document features (is the word written in lower case elsewhere in the
document, capitalised inside a sentence) say much in a Reuters article and nothing in one
sentence. scripts/eval-ner scores CoNLL dev cut so (every document) beside the whole documents;
scripts/train-ner records what training on eng.train with every fourth document cut gave.

Usage: tools/short_documents.py [--every N] IN.conll OUT.conll
"""
import sys

from title_case_headlines import documents, sentences  # the same CoNLL reading


def main(argv):
    every = 1
    if argv[:1] == ['--every']:
        if len(argv) < 2 or not argv[1].isdigit() or int(argv[1]) < 1:
            sys.exit('tools/short_documents.py: --every takes a whole number, 1 or more')
        every = int(argv[1])
        argv = argv[2:]
    if len(argv) != 2:
        sys.exit(__doc__)
    offset = 2 % every  # with --every 4: documents 2, 6, 10, ..., not those title_case_headlines.py rewrites
    with open(argv[0], encoding='utf-8') as f:
        lines = f.readlines()
    out = []
    for n, doc in enumerate(documents(lines)):
        if n % every != offset or not doc[0].startswith('-DOCSTART-'):
            out.extend(doc)
            continue
        for sentence in sentences(doc):
            out.append(doc[0])
            out.append('\n')
            out.extend(sentence)
            out.append('\n')
    with open(argv[1], 'w', encoding='utf-8') as f:
        f.writelines(out)


if __name__ == '__main__':
    main(sys.argv[1:])
