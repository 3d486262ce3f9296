#!/usr/bin/env python3
"""Compiles lede's word lists (core/data/*.txt, *.tsv) into constant C++ tables.

Usage: tools/gen-lexicon.py --data core/data --out FILE.h   writes the tables' header
       tools/gen-lexicon.py --data core/data --list         prints the list files, one a line

Runs at build time on the host (natively and under emcmake), Python 3 standard library only.
Every list is checked first; the build fails, naming the file and line, on
  - a line with the wrong number of columns or a value its column does not take,
  - a key that is not in the file's key form (e.g. upper case where the lookups lower-case),
  - a duplicate entry ("'post' repeats line 12") and a contradictory one, the same key with
    other values ("'conclude' repeats line 41 with other flags: belief yes, there no"),
  - a file in the data folder that no table below reads, or a table whose file is missing.

A list file: '#' lines are comments (the header says what the list is, its columns and the key
form, and holds a "# columns: ..." line the generator checks against the table's columns);
blank lines are skipped; other lines are entries, columns separated by one tab.

The output is one header of constexpr tables (core/src/lexicon/word_table.h reads them): per word
table an open-addressed hash table of the keys (FNV-1a, lexicon_word_hash in lexicon.h) and the
rows its slots point to; for the tagger's gazetteer the phrase-hash table and the digest that
lexicon_digest() returns (the definition is in core/src/lexicon/lexicon.h).
"""

import argparse
import os
import sys

MASK64 = (1 << 64) - 1


class ListError(Exception):
    """A problem in a list file, already worded as 'path:line: message'."""


# ---------------------------------------------------------------------------------------------
# Hashes: must equal core/src/lexicon/lexicon.h's lexicon_word_hash and lexicon_phrase_extend.

def word_hash(word_bytes):
    h = 0xCBF29CE484222325
    for c in word_bytes:
        h ^= c
        h = (h * 0x100000001B3) & MASK64
    return h


PHRASE_SEED = 0x9E3779B97F4A7C15


def phrase_extend(phrase_hash, w_hash):
    h = ((phrase_hash ^ w_hash) * 0xFF51AFD7ED558CCD) & MASK64
    return h ^ (h >> 31)


def phrase_hash(phrase):
    h = PHRASE_SEED
    for w in phrase.split(' '):
        h = phrase_extend(h, word_hash(w.encode('utf-8')))
    return h


# ---------------------------------------------------------------------------------------------
# Column types: parse(text) -> value, or raise ValueError with what the column takes.

def yes_no(text):
    if text not in ('yes', 'no'):
        raise ValueError("takes yes or no")
    return text == 'yes'


def one_of(*names):
    def parse(text):
        if text not in names:
            raise ValueError("takes " + ", ".join(names))
        return text
    return parse


def word_or_dash(text):
    return '' if text == '-' else text


def any_word(text):
    return text


# Key forms: check(key) -> None, or raise ValueError saying what the key must be.

def lower_key(spaces):
    def check(key):
        if any('A' <= c <= 'Z' for c in key):
            raise ValueError("is not lower case (the lookups take lower-cased words)")
        if not spaces and ' ' in key:
            raise ValueError("has a space (this list holds single words)")
        if key != key.strip(' ') or '  ' in key:
            raise ValueError("has a leading, trailing or double space")
        if any(c in key for c in '\t\r\x0b\x0c'):
            raise ValueError("has a control character")
    return check


def without_final_stop(spaces):
    lower = lower_key(spaces)

    def check(key):
        lower(key)
        if key.endswith('.'):
            raise ValueError("ends in a full stop (the lookups strip it: list the word without it)")
    return check


def ascii_letters(key):
    if not key.isascii() or not key.isalpha():
        raise ValueError("is not ASCII letters only")


def any_key(key):
    if key != key.strip():
        raise ValueError("has spaces around it")


def phrase_key(key):
    lower_key(True)(key)
    if key.count(' ') + 1 > 4:  # kLexiconMaxPhraseWords: the tagger never looks further
        raise ValueError("has more than 4 words")


# ---------------------------------------------------------------------------------------------
# The tables. kind: 'set' (one column, membership), 'map' (key column, then value columns of
# one row struct), 'verbs' (the speech verbs: every form a key), 'gazetteer' (a tagger list),
# 'list' (an ordered array of words, for lookups that scan), 'checked' (the values stage's lists,
# core/data/values: checked here like every list — a repeated or contradictory form fails the build —
# and read at run time by core/src/values/lists.cpp, which embeds them as text).

GAZETTEER = [  # file, enum name in lexicon.h; the bit index is the position here
    ('title', 'kLexTitle'), ('demonym', 'kLexDemonym'), ('org_word', 'kLexOrgWord'),
    ('country', 'kLexCountry'), ('city', 'kLexCity'), ('region', 'kLexRegion'),
    ('given_name', 'kLexGivenName'), ('calendar', 'kLexCalendar'), ('media', 'kLexMedia'),
    ('government', 'kLexGovernment'),
]

CUE_FORMS = ['base', 'present', 'past', 'participle', 'gerund']

TABLES = [
    dict(name='SpeechVerbs', path='speech_verbs.tsv', kind='verbs', key=lower_key(False),
         columns=CUE_FORMS + ['takes_object', 'reporting', 'belief']),
    dict(name='Pronouns', path='pronouns.tsv', kind='map', key=lower_key(False),
         columns=[('word', None), ('kind', one_of('male', 'female', 'thing', 'plural'))],
         row='PronounKind'),
    dict(name='CueAdverbs', path='cue_adverbs.txt', kind='set', key=lower_key(False)),
    dict(name='Determiners', path='determiners.txt', kind='set', key=lower_key(False)),
    dict(name='PhraseBoundaries', path='phrase_boundaries.txt', kind='set', key=lower_key(False)),
    dict(name='SpeakerNouns', path='speaker_nouns.txt', kind='set', key=lower_key(False)),
    dict(name='StatementNouns', path='statement_nouns.txt', kind='set', key=lower_key(False)),
    dict(name='Titles', path='titles.tsv', kind='map', key=without_final_stop(True),
         columns=[('word', None), ('title', yes_no),
                  ('gender', one_of('-', 'male', 'female')), ('office', yes_no),
                  ('modifier', yes_no), ('in_full', word_or_dash)],
         row='TitleRow'),
    dict(name='FirstNames', path='first_names.tsv', kind='map', key=lower_key(False),
         columns=[('name', None), ('gender', one_of('male', 'female', 'unknown'))],
         row='Gender'),
    dict(name='Aliases', path='aliases.tsv', kind='map', key=lower_key(True),
         columns=[('variant', None), ('canonical', any_word)], row='std::string_view'),
    dict(name='LegalForms', path='legal_forms.txt', kind='set', key=without_final_stop(False)),
    dict(name='GenerationalSuffixes', path='generational_suffixes.txt', kind='set',
         key=lower_key(False)),
    dict(name='NameStopwords', path='name_stopwords.txt', kind='set', key=lower_key(False)),
    dict(name='NounLikeVerbs', path='noun_like_verbs.txt', kind='set', key=lower_key(False)),
    dict(name='InfinitiveVerbs', path='infinitive_verbs.txt', kind='set', key=lower_key(False)),
    dict(name='ClaimNouns', path='claim_nouns.txt', kind='set', key=lower_key(False)),
    dict(name='OfPhraseHeads', path='of_phrase_heads.txt', kind='set', key=lower_key(False)),
    dict(name='PersonRoles', path='person_roles.txt', kind='set', key=lower_key(False)),
    dict(name='OrganisationNouns', path='organisation_nouns.txt', kind='set', key=lower_key(False)),
    dict(name='PersonNouns', path='person_nouns.txt', kind='set', key=lower_key(False)),
    dict(name='NotSpeakers', path='not_speakers.txt', kind='set', key=lower_key(False)),
    dict(name='LyNotAdverbs', path='ly_not_adverbs.txt', kind='set', key=lower_key(False)),
    dict(name='FunctionWords', path='function_words.txt', kind='set', key=lower_key(False)),
    dict(name='Abbreviations', path='abbreviations.txt', kind='set', key=ascii_letters),
    dict(name='DomainSuffixes', path='domain_suffixes.txt', kind='list', key=ascii_letters),
] + [
    dict(name='Values_' + file, path='values/%s.tsv' % file, kind='checked', key=any_key,
         columns=[(c, None) for c in columns.split()])
    for file, columns in [
        ('abbreviated_scales', 'form power'), ('calendar', 'form kind number'),
        ('currencies', 'form code position'), ('named_dates', 'form first last'),
        ('numbers', 'form kind value'), ('time_zones', 'form zone'), ('units', 'form unit')]
] + [
    dict(name='Gazetteer_' + file, path='gazetteer/%s.txt' % file, kind='gazetteer',
         key=phrase_key, bit=bit, enum=enum)
    for bit, (file, enum) in enumerate(GAZETTEER)
]


def column_names(table):
    if table['kind'] in ('set', 'list'):
        return ['word']
    if table['kind'] == 'gazetteer':
        return ['phrase']
    if table['kind'] == 'verbs':
        return table['columns']
    return [c for c, _ in table['columns']]


# ---------------------------------------------------------------------------------------------
# Reading and checking.

def read_entries(path, shown, columns):
    """[(line number, [column texts])] of a list file, after checking its columns line."""
    entries = []
    declared = None
    with open(path, encoding='utf-8', newline='') as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip('\n')
            if line.endswith('\r'):
                raise ListError("%s:%d: a carriage return: write the file with LF line ends"
                                % (shown, number))
            if line.startswith('#'):
                text = line[1:].strip()
                if text.startswith('columns:'):
                    declared = (number, text[len('columns:'):].split())
                continue
            if not line.strip():
                continue
            entries.append((number, line.split('\t')))
    if declared is None:
        raise ListError("%s:1: no '# columns: %s' line in the header" % (shown, ' '.join(columns)))
    if declared[1] != columns:
        raise ListError("%s:%d: the header declares columns '%s', the generator reads '%s'"
                        % (shown, declared[0], ' '.join(declared[1]), ' '.join(columns)))
    for number, cells in entries:
        if len(cells) != len(columns):
            raise ListError("%s:%d: %d columns, expected %d (%s), separated by single tabs"
                            % (shown, number, len(cells), len(columns), ', '.join(columns)))
    return entries


def check_key(table, shown, number, key):
    if not key:
        raise ListError("%s:%d: an empty key" % (shown, number))
    try:
        table['key'](key)
    except ValueError as e:
        raise ListError("%s:%d: '%s' %s" % (shown, number, key, e))


def parse_cell(shown, number, column, parse, text):
    try:
        return parse(text)
    except ValueError as e:
        raise ListError("%s:%d: %s '%s' %s" % (shown, number, column, text, e))


def show(value):
    if value is True:
        return 'yes'
    if value is False:
        return 'no'
    return str(value) if value != '' else '-'


def add_key(seen, shown, number, key, value, names, what='flags'):
    """Records key -> (line, value); a repeat is an error, worded by whether values differ."""
    if key not in seen:
        seen[key] = (number, value)
        return
    first, old = seen[key]
    if old == value:
        raise ListError("%s:%d: '%s' repeats line %d" % (shown, number, key, first))
    diffs = ', '.join('%s %s, there %s' % (n, show(a), show(b))
                      for n, a, b in zip(names, value, old) if a != b)
    raise ListError("%s:%d: '%s' repeats line %d with other %s: %s"
                    % (shown, number, key, first, what, diffs))


def load_table(table, data_dir, shown_dir):
    path = os.path.join(data_dir, table['path'])
    shown = os.path.join(shown_dir, table['path'])
    if not os.path.exists(path):
        raise ListError("%s: missing (the generator's table %s reads it)" % (shown, table['name']))
    entries = read_entries(path, shown, column_names(table))
    kind = table['kind']
    seen = {}
    if kind in ('set', 'list', 'gazetteer'):
        for number, (key,) in entries:
            check_key(table, shown, number, key)
            add_key(seen, shown, number, key, (), [])
        return [key for key in seen]
    if kind in ('map', 'checked'):
        rows = []
        for number, cells in entries:
            check_key(table, shown, number, cells[0])
            value = tuple(parse_cell(shown, number, name, parse, text) if parse else text
                          for (name, parse), text in zip(table['columns'][1:], cells[1:]))
            add_key(seen, shown, number, cells[0], value,
                    [name for name, _ in table['columns'][1:]], 'values')
            rows.append((cells[0], value))
        return rows
    # verbs: every form is a key; the first column naming a word within a row gives its form
    # (lookup_cue_verb("read") is the base form, not the past).
    rows = []
    for number, cells in entries:
        flags = tuple(parse_cell(shown, number, name, yes_no, text)
                      for name, text in zip(table['columns'][5:], cells[5:]))
        forms = {}
        for form, text in zip(CUE_FORMS, cells[:5]):
            if form == 'participle' and text == '-':
                continue
            check_key(table, shown, number, text)
            if text in forms:
                continue
            forms[text] = form
            add_key(seen, shown, number, text, (form,) + flags, ['form'] + table['columns'][5:])
        rows.append((forms, flags))
    return rows


def load_all(data_dir, shown_dir):
    listed = {t['path'] for t in TABLES}
    for root, _, files in os.walk(data_dir):
        for name in sorted(files):
            rel = os.path.relpath(os.path.join(root, name), data_dir).replace(os.sep, '/')
            if rel not in listed and (name.endswith('.txt') or name.endswith('.tsv')):
                raise ListError("%s: no table of tools/gen-lexicon.py reads this list (add it there)"
                                % os.path.join(shown_dir, rel))
    return {t['name']: load_table(t, data_dir, shown_dir) for t in TABLES}


# ---------------------------------------------------------------------------------------------
# Output.

def c_string(b):
    """A C++ string literal of bytes b (printable ASCII as is, the rest as octal escapes)."""
    out = []
    for c in b:
        if c in (0x22, 0x5C):
            out.append('\\' + chr(c))
        elif 0x20 <= c < 0x7F and c != 0x3F:  # '?' escaped: no trigraph surprises
            out.append(chr(c))
        else:
            out.append('\\%03o' % c)
    return '"' + ''.join(out) + '"'


def word_table(name, keys, lines):
    """An open-addressed table of keys (row i of keys[i]) as lede::lexicon::WordTable."""
    size = 8
    while size < 2 * len(keys):  # at most half full: every probe sequence meets an empty slot
        size *= 2
    slots = [None] * size
    text = b''
    for row, key in enumerate(keys):
        b = key.encode('utf-8')
        h = word_hash(b)
        i = h & (size - 1)
        while slots[i] is not None:
            i = (i + 1) & (size - 1)
        slots[i] = (len(text), row, len(b))
        text += b
    # WordSlot's fields: 16-bit offsets and rows, 8-bit lengths.
    longest = max((len(k.encode('utf-8')) for k in keys), default=0)
    if len(text) >= 1 << 16 or len(keys) >= 1 << 16 or longest >= 1 << 8:
        raise ListError("the table %s outgrows WordSlot (core/src/lexicon/word_table.h)" % name)
    lines.append('inline constexpr char k%sText[] =' % name)
    for start in range(0, len(text), 64):
        lines.append('    %s' % c_string(text[start:start + 64]))
    if not text:
        lines.append('    ""')
    lines[-1] += ';'
    lines.append('inline constexpr WordSlot k%sSlots[] = {' % name)
    for s in slots:
        lines.append('    {0, 0, 0},' if s is None else '    {%d, %d, %d},' % s)
    lines.append('};')
    lines.append('inline constexpr WordTable k%s{k%sSlots, %du, k%sText};'
                 % (name, name, size - 1, name))


def cpp_value(table, value):
    row = table['row']
    if row == 'PronounKind':
        return 'PronounKind::' + value[0]
    if row == 'Gender':
        return 'Gender::' + value[0]
    if row == 'std::string_view':
        return 'std::string_view(%s)' % c_string(value[0].encode('utf-8'))
    title, gender, office, modifier, in_full = value
    return '{%s, Gender::%s, %s, %s, std::string_view(%s)}' % (
        str(title).lower(), 'unknown' if gender == '-' else gender, str(office).lower(),
        str(modifier).lower(), c_string(in_full.encode('utf-8')))


def gazetteer(loaded, shown_dir, lines):
    """The tagger's phrase table: phrase hash -> category bits, kContinues on every phrase that
    longer ones begin with, and the digest of lexicon.h."""
    continues = 1 << 15
    bits = {}
    phrase_of = {}
    digest_lines = set()
    for table in TABLES:
        if table['kind'] != 'gazetteer':
            continue
        for phrase in loaded[table['name']]:
            digest_lines.add(('%d\t%s\n' % (table['bit'], phrase)).encode('utf-8'))
            words = phrase.split(' ')
            for n in range(1, len(words) + 1):
                part = ' '.join(words[:n])
                h = phrase_hash(part)
                if h == 0 or phrase_of.setdefault(h, part) != part:
                    raise ListError("%s: the phrases '%s' and '%s' have the same hash: rename one"
                                    % (os.path.join(shown_dir, table['path']), part,
                                       phrase_of.get(h, part)))
                bits[h] = bits.get(h, 0) | (1 << table['bit'] if n == len(words) else continues)
    digest = 0xCBF29CE484222325
    for line in sorted(digest_lines):
        for c in line:
            digest ^= c
            digest = (digest * 0x100000001B3) & MASK64
    size = 16
    while size < 2 * len(bits):
        size *= 2
    slots = [(0, 0)] * size
    for h in sorted(bits):
        i = (h >> 17) & (size - 1)
        while slots[i][0] != 0:
            i = (i + 1) & (size - 1)
        slots[i] = (h, bits[h])
    for table in TABLES:
        if table['kind'] == 'gazetteer':
            lines.append('static_assert(%s == 1u << %d, "core/data/%s is category bit %d");'
                         % (table['enum'], table['bit'], table['path'], table['bit']))
    lines.append('// %d phrases and beginnings of phrases in %d slots.' % (len(bits), size))
    lines.append('inline constexpr uint64_t kGazetteerMask = %du;' % (size - 1))
    lines.append('inline constexpr uint16_t kGazetteerContinues = %du;' % continues)
    lines.append('inline constexpr uint64_t kGazetteerHashes[] = {')
    for start in range(0, size, 4):
        lines.append('    ' + ' '.join('0x%016xull,' % h for h, _ in slots[start:start + 4]))
    lines.append('};')
    lines.append('inline constexpr uint16_t kGazetteerCategories[] = {')
    for start in range(0, size, 16):
        lines.append('    ' + ' '.join('%d,' % b for _, b in slots[start:start + 16]))
    lines.append('};')
    lines.append('inline constexpr uint64_t kGazetteerDigest = 0x%016xull;' % digest)


def generate(loaded, shown_dir):
    lines = [
        '// Generated by tools/gen-lexicon.py from core/data: do not edit (edit the lists).',
        '#pragma once',
        '',
        '#include <cstdint>',
        '#include <string_view>',
        '',
        '#include "lexicon/coref_lexicon.h"',
        '#include "lexicon/cues.h"',
        '#include "lexicon/lexicon.h"',
        '#include "lexicon/word_table.h"',
        '',
        'namespace lede {',
        'namespace lexicon {',
        '',
    ]
    for table in TABLES:
        kind, name, rows = table['kind'], table['name'], loaded[table['name']]
        if kind in ('gazetteer', 'checked'):  # the gazetteer below; the checked lists are values/'s
            continue
        lines.append('// core/data/%s' % table['path'])
        if kind == 'set':
            word_table(name, rows, lines)
        elif kind == 'list':
            lines.append('inline constexpr std::string_view k%s[] = {' % name)
            lines.extend('    %s,' % c_string(w.encode('utf-8')) for w in rows)
            lines.append('};')
        elif kind == 'map':
            word_table(name, [key for key, _ in rows], lines)
            lines.append('inline constexpr %s k%sRows[] = {' % (table['row'], name))
            lines.extend('    %s,' % cpp_value(table, value) for _, value in rows)
            lines.append('};')
        else:
            keys, values = [], []
            for forms, flags in rows:
                for word, form in forms.items():
                    keys.append(word)
                    values.append('{CueForm::%s, %s}' % (
                        form, ', '.join(str(f).lower() for f in flags)))
            word_table(name, keys, lines)
            lines.append('inline constexpr CueVerb k%sRows[] = {' % name)
            lines.extend('    %s,' % v for v in values)
            lines.append('};')
        lines.append('')
    lines.append('// core/data/gazetteer/*.txt')
    gazetteer(loaded, shown_dir, lines)
    lines += ['', '}  // namespace lexicon', '}  // namespace lede', '']
    return '\n'.join(lines)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--data', required=True, help='the folder of the lists (core/data)')
    parser.add_argument('--out', help='the header to write')
    parser.add_argument('--list', action='store_true', help='print the list files and exit')
    args = parser.parse_args(argv)
    if args.list:
        for t in TABLES:
            print(os.path.join(args.data, t['path']))
        return 0
    if not args.out:
        parser.error('--out or --list is required')
    # Messages name files as given, relative to the working directory when inside it, so that a
    # build run from the source folder prints core/data/x.tsv:12 (what editors jump to).
    shown_dir = args.data
    rel = os.path.relpath(args.data)
    if not rel.startswith('..'):
        shown_dir = rel
    try:
        text = generate(load_all(args.data, shown_dir), shown_dir)
    except ListError as e:
        print('%s (tools/gen-lexicon.py)' % e, file=sys.stderr)
        return 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + '.tmp'
    with open(tmp, 'w', encoding='utf-8', newline='\n') as f:
        f.write(text)
    os.replace(tmp, args.out)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
