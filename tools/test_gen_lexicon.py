#!/usr/bin/env python3
"""Tests of tools/gen-lexicon.py: each breaks a temporary copy of core/data the way an edit could
(a duplicate, a contradiction, a malformed line, an unknown list) and checks that the generator
exits non-zero naming the file and the lines. Prints one line per test and a count line,
"gen-lexicon tests: N passed, N failed"; exits 1 when any failed. Python 3 standard library only.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATOR = os.path.join(ROOT, 'tools', 'gen-lexicon.py')
DATA = os.path.join(ROOT, 'core', 'data')


def run(data_dir, out):
    """Runs the generator from inside data_dir's parent; returns (exit code, stderr)."""
    p = subprocess.run([sys.executable, GENERATOR, '--data', 'data', '--out', out],
                       cwd=os.path.dirname(data_dir), capture_output=True, text=True)
    return p.returncode, p.stderr


def line_of(path, pattern):
    """The 1-based number of the first line of path matching the regular expression."""
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            if re.search(pattern, line):
                return number
    raise AssertionError('%s: no line matches %r' % (path, pattern))


def append(path, text):
    with open(path, 'a', encoding='utf-8') as f:
        f.write(text)
    with open(path, encoding='utf-8') as f:
        return sum(1 for _ in f)  # the number of the line just written


def replace(path, old, new):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    assert old in text, (path, old)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text.replace(old, new, 1))


def expect_failure(data, out, message):
    """The generator refuses the lists with a message containing `message`, and writes nothing."""
    code, err = run(data, out)
    assert code != 0, 'the generator accepted the broken list'
    assert message in err, 'expected %r in the message, got %r' % (message, err)
    assert not os.path.exists(out), 'a header was written for a broken list'


def test_clean_lists_compile(data, out):
    code, err = run(data, out)
    assert code == 0, err
    with open(out, encoding='utf-8') as f:
        header = f.read()
    # lexicon_digest() of lexicon.h over the committed gazetteer lists: the model's value.
    assert 'kGazetteerDigest = 0xcd2084d0d9907b90ull;' in header
    assert 'inline constexpr WordTable kSpeechVerbs{' in header


# A line appended to a list, and the message that must refuse it: {added} is the new line's
# number, {first} that of the first line matching the last field (the entry it repeats). A repeat
# that is no contradiction is checked up to the message's end, so that it cannot read "with other".
REJECTED_LINES = [
    ('duplicate_word', 'speaker_nouns.txt', 'spokesman',
     "data/speaker_nouns.txt:{added}: 'spokesman' repeats line {first} (tools/gen-lexicon.py)", r'^spokesman$'),
    # The brief's own case: "conclude" listed again as a belief.
    ('contradictory_speech_verb', 'speech_verbs.tsv', 'conclude\tconcludes\tconcluded\t-\tconcluding\tno\tyes\tyes',
     "data/speech_verbs.tsv:{added}: 'conclude' repeats line {first} with other flags: belief yes, there no",
     r'^conclude\t'),
    ('identical_speech_verb', 'speech_verbs.tsv', 'predict\tpredicts\tpredicted\t-\tpredicting\tno\tyes\tno',
     "data/speech_verbs.tsv:{added}: 'predict' repeats line {first} (tools/gen-lexicon.py)", r'^predict\t'),
    # "said" as the past of a new verb: one word, two rows.
    ('form_of_two_verbs', 'speech_verbs.tsv', 'sai\tsais\tsaid\t-\tsaiing\tno\tyes\tno',
     "data/speech_verbs.tsv:{added}: 'said' repeats line {first}", r'^say\t'),
    ('contradictory_title', 'titles.tsv', 'queen\tyes\tmale\tyes\tno\t-',
     "data/titles.tsv:{added}: 'queen' repeats line {first} with other values: gender male, there female",
     r'^queen\t'),
    ('contradictory_first_name', 'first_names.tsv', 'margaret\tmale',
     "data/first_names.tsv:{added}: 'margaret' repeats line {first} with other values", r'^margaret\t'),
    ('duplicate_gazetteer_phrase', 'gazetteer/country.txt', 'sri lanka',
     "data/gazetteer/country.txt:{added}: 'sri lanka' repeats line {first} (tools/gen-lexicon.py)",
     r'^sri lanka$'),
    ('upper_case_key', 'claim_nouns.txt', 'Remark', "data/claim_nouns.txt:{added}: 'Remark' is not lower case", None),
    ('title_with_final_stop', 'titles.tsv', 'supt.\tyes\t-\tno\tno\t-',
     "data/titles.tsv:{added}: 'supt.' ends in a full stop", None),
    ('wrong_column_count', 'pronouns.tsv', 'thee', "data/pronouns.tsv:{added}: 1 columns, expected 2", None),
    ('contradictory_currency', 'values/currencies.tsv', '$\tCAD\tbefore',
     "data/values/currencies.tsv:{added}: '$' repeats line {first} with other values: code CAD, there USD",
     r'^\$\t'),
    ('duplicate_unit', 'values/units.tsv', 'km\tkilometre',
     "data/values/units.tsv:{added}: 'km' repeats line {first} (tools/gen-lexicon.py)", r'^km\t'),
    ('bad_flag', 'speech_verbs.tsv', 'opine\topines\topined\t-\topining\tno\tmaybe\tno',
     "data/speech_verbs.tsv:{added}: reporting 'maybe' takes yes or no", None),
]


def rejects(name, line, message, first):
    """A test: appends `line` to list `name` and expects the generator to refuse it."""
    def test(data, out):
        path = os.path.join(data, name)
        first_line = line_of(path, first) if first else None
        added = append(path, line + '\n')
        expect_failure(data, out, message.format(added=added, first=first_line))
    return test


def test_phrase_on_two_gazetteer_lists_is_allowed(data, out):
    # A phrase may be on several lists ("georgia" is a country and a region): no error.
    append(os.path.join(data, 'gazetteer', 'city.txt'), 'sri lanka\n')
    code, err = run(data, out)
    assert code == 0, err


def test_columns_header_checked(data, out):
    path = os.path.join(data, 'aliases.tsv')
    number = line_of(path, r'^# columns:')
    replace(path, '# columns: variant\tcanonical', '# columns: canonical\tvariant')
    expect_failure(data, out, "data/aliases.tsv:%d: the header declares columns" % number)


def test_unknown_list(data, out):
    with open(os.path.join(data, 'weekdays.txt'), 'w', encoding='utf-8') as f:
        f.write('# columns: word\nmonday\n')
    expect_failure(data, out, "data/weekdays.txt: no table of tools/gen-lexicon.py reads this list")


def test_missing_list(data, out):
    os.remove(os.path.join(data, 'determiners.txt'))
    expect_failure(data, out, "data/determiners.txt: missing")


TESTS = sorted([(k[len('test_'):], v) for k, v in globals().items() if k.startswith('test_')] +
               [(case[0], rejects(*case[1:])) for case in REJECTED_LINES])


def main():
    passed = failed = 0
    for name, test in TESTS:
        with tempfile.TemporaryDirectory(prefix='gen-lexicon-test-') as tmp:
            data = os.path.join(tmp, 'data')
            shutil.copytree(DATA, data)
            try:
                test(data, os.path.join(tmp, 'out', 'generated_tables.h'))
            except AssertionError as e:
                failed += 1
                print('FAIL %s: %s' % (name, e))
                continue
            passed += 1
            print('ok   %s' % name)
    print('gen-lexicon tests: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
