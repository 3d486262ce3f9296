#!/usr/bin/env python3
"""Drafts, checks and shows eval/polnear/dev-referents.tsv: for every attributed Source of PolNeAR dev,
the entity of the article it denotes (a short key such as "Donald Trump") or "-" when it denotes no
single entity (a group, an anonymous source, a document). lede-polnear-eval scores speakers at the
entity level against it; eval/polnear/README.md states the conventions.

  python3 tools/polnear_referents.py draft [--data DIR] [--out FILE]
      A first draft: names by string (expanded to the fullest form of the name in the article),
      pronouns to the running speaker, relative pronouns to the name before them, plural and
      anonymous nominals to "-". Every entry is marked "rule"; reading then corrects it.
  python3 tools/polnear_referents.py show [--data DIR] [--ref FILE] [--all]
      Each entry not drafted from a name (or every entry with --all) with its source and the text
      before it, for reading. Nothing of the articles goes into the reference file itself.
  python3 tools/polnear_referents.py check [--data DIR] [--ref FILE]
      The reference against the annotations: every source id exists with the recorded offsets,
      every attributed source has exactly one entry, every key has its forms line. Exit 1 on a
      mismatch.

DIR is the folder holding polnear/ (default $LEDE_DATA, else ../shared/data beside the repository).
"""
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_REF = os.path.join(HERE, "..", "eval", "polnear", "dev-referents.tsv")
NO_ENTITY = "-"
CATEGORIES = ("name", "pronoun", "relative", "nominal", "group", "anonymous", "thing")
CHECKS = ("rule", "read", "changed")

# Words before a name that are not part of it: the evaluator strips the same list from lede's
# entity names (eval/polnear/polnear_referents.h, kTitles), so keys never carry them.
TITLES = {
    "mr.", "mrs.", "ms.", "dr.", "sen.", "rep.", "gov.", "gen.", "lt.", "col.", "sgt.", "rev.", "the",
    "president", "senator", "governor", "sen", "rep", "retired", "former", "secretary", "speaker",
    "house", "candidate", "nominee", "chairman", "mayor", "judge", "justice", "attorney", "general",
}
PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me", "my", "we", "us", "our", "they",
            "them", "their", "it", "its", "you", "your", "himself", "herself", "themselves"}
RELATIVES = {"who", "which", "that", "whom", "whose"}
SINGULAR_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me", "my", "himself", "herself"}
PREPOSITIONS = {"of", "by", "at", "for", "in", "from", "on", "to", "including", "with", "who", "whose",
                "which", "that", "about"}
CONNECTORS = {"of", "for", "on", "de", "van", "von", "bin"}
SUFFIXES = {"Jr.", "Sr.", "II", "III"}
# A title inside a run ends what is before it: "Manhattan Supreme Court Justice Frank Nervo".
PERSON_TITLES = {"justice", "chairman", "director", "secretary", "spokeswoman", "spokesman", "leader",
                 "president", "commissioner", "chief", "sen.", "rep.", "gov.", "gen.", "mr.", "mrs.",
                 "ms.", "dr.", "senator", "representative", "governor", "mayor", "moderator", "host",
                 "chair", "judge", "general", "lawyer", "ceo"}
FUNCTION_WORDS = {"when", "whether", "that", "some", "many", "one", "if", "but", "and", "as", "while",
                  "after", "before", "rival", "both", "even", "so", "then", "also"}
CAMPAIGN_NAMES = {"Clinton": "Hillary Clinton", "Trump": "Donald Trump", "Obama": "Barack Obama"}
# Last words of organisation names that hold an "and" ("Citizenship and Immigration Services").
ORGANISATION_WORDS = {"Committee", "Services", "Institution", "Center", "Studies", "Department", "Agency",
                      "Council", "Association", "Union", "Fund", "Bureau", "Commission", "Office",
                      "Foundation", "Institute", "Party", "Enforcement"}
ANONYMOUS_STARTS = ("a ", "an ", "another ", "one ", "some ", "many ", "several ", "two ", "three ")


def data_dir(argv):
    if "--data" in argv:
        return argv[argv.index("--data") + 1]
    env = os.environ.get("LEDE_DATA")
    return env if env else os.path.join(HERE, "..", "..", "shared", "data")


def text_id(ann_stem):
    """The article an annotation file belongs to: its name without the annotator suffix."""
    return ann_stem.rsplit("_", 1)[0]


def read_sources(ann):
    """Source text-bounds that an attribution event names: {tid: (ranges, text)}."""
    bounds, named = {}, set()
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) >= 2 and cols[0].startswith("T"):
            kind, _, spec = cols[1].partition(" ")
            if kind == "Source":
                ranges = tuple(tuple(int(x) for x in frag.split()) for frag in spec.split(";"))
                bounds[cols[0]] = (ranges, cols[2] if len(cols) > 2 else "")
        elif len(cols) >= 2 and cols[0].startswith("E"):
            for arg in cols[1].split():
                role, _, tid = arg.partition(":")
                if role == "Source":
                    named.add(tid)
    return {t: bounds[t] for t in bounds if t in named}


def load_split(data, split="dev"):
    """[(ann stem, text, {tid: (ranges, source text)})] for a split, sorted by file name."""
    root = os.path.join(data, "polnear", split)
    out = []
    for name in sorted(os.listdir(os.path.join(root, "attributions"))):
        if not name.endswith(".ann"):
            continue
        stem = name[:-4]
        with open(os.path.join(root, "attributions", name), encoding="utf-8") as f:
            ann = f.read()
        with open(os.path.join(root, "text", text_id(stem) + ".txt"), encoding="utf-8") as f:
            text = f.read()
        out.append((stem, text, read_sources(ann)))
    return out


def words(s):
    return [w for w in re.split(r"\s+", s.strip()) if w]


def strip_possessive(w):
    return re.sub(r"['\u2019]s?$", "", w)


def is_capitalised(w):
    return bool(w) and w[0].isupper()


def name_run(source):
    """The proper name a Source ends with, titles stripped, or None when the Source's last word is
    not capitalised ("The Trump campaign") or nothing is left. The part before an appositive, a
    parenthesis or a preposition after a common noun heads it ("Flynn, a top Trump surrogate," ->
    Flynn; "advisers to Mr. Obama" -> None); a title before a name is dropped ("Senate Minority
    Leader Harry Reid" -> Harry Reid)."""
    head = re.split(r",|\(", source, maxsplit=1)[0]
    toks = [strip_possessive(w) for w in words(head)]
    for i in range(1, len(toks)):
        if toks[i] in PREPOSITIONS and not is_capitalised(toks[i - 1]):
            toks = toks[:i]
            break
    if not toks or not is_capitalised(toks[-1]):
        return None
    start = len(toks)
    while start > 0 and (is_capitalised(toks[start - 1]) or toks[start - 1] in CONNECTORS):
        start -= 1
    run = toks[start:]
    while run and run[-1] in SUFFIXES:
        run = run[:-1]
    run = after_sentence_end(run)
    cut = max((i + 1 for i, w in enumerate(run[:-1]) if w.lower() in PERSON_TITLES), default=0)
    run = run[cut:]
    while run and (run[0].lower() in TITLES or run[0].lower() in FUNCTION_WORDS or run[0] in CONNECTORS):
        run = run[1:]
    if not run:
        return None
    return " ".join(run)


def without_initials(name):
    """'Donald J. Trump' -> 'Donald Trump': middle initials are not part of a key."""
    toks = words(name)
    return " ".join(t for i, t in enumerate(toks) if not (0 < i < len(toks) - 1 and re.fullmatch(r"[A-Z]\.", t)))


def after_sentence_end(toks):
    """The words after the last one that ends a sentence ("Tuesday. Stumpf" -> ["Stumpf"])."""
    for i in range(len(toks) - 1, 0, -1):
        if toks[i - 1].endswith(".") and len(toks[i - 1]) > 3 and toks[i - 1].lower() not in TITLES:
            return toks[i:]
    return toks


def full_names(text):
    """Counter of capitalised runs of two or more words in the text (titles stripped, initials
    dropped): the forms a surname can expand to."""
    counts = Counter()
    for m in re.finditer(r"[A-Z][\w.'\u2019-]*(?: (?:[A-Z][\w.'\u2019-]*|de|van|von))+", text):
        # A run can cross a sentence end ("... Bill Clinton. Mike Pence"): each sentence's part.
        for part in re.split(r"(?<=[a-z]{3})\. ", m.group(0)):
            run = name_run(part.rstrip("."))  # "Homeland Security Secretary Jeh Johnson" -> Jeh Johnson
            if run and len(words(run)) >= 2:
                counts[without_initials(run)] += 1
    return counts


def expand(name, fulls):
    """A one-word name to the fuller name in the article that ends with it ("Flynn" -> "Michael
    Flynn"), unless two first names share it (then it stays as it is)."""
    name = without_initials(name)
    if " " in name:
        return name
    ends = {n: c for n, c in fulls.items() if n.split()[-1] == name and len(n.split()) == 2}
    if not ends:  # only a three-word form: "Earl Ray Tomblin"
        ends = {n: c for n, c in fulls.items() if n.split()[-1] == name and len(n.split()) == 3}
    if not ends:
        return name
    # One person when every fuller form has the same word before the surname; the form the
    # article uses most names them.
    if len({n.split()[-2] for n in ends}) == 1:
        return max(sorted(ends), key=lambda n: ends[n])
    return CAMPAIGN_NAMES.get(name, name)


def classify(source, text, start):
    """(category, draft key or None) of a Source from its words alone; None: decided by context."""
    low = source.lower().strip()
    if low in PRONOUNS:
        return "pronoun", None
    if low in RELATIVES:
        return "relative", None
    run = name_run(source)
    head = re.split(r",|\(", source, maxsplit=1)[0].strip()
    if (run is not None and re.search(r"[A-Z][\w.'\u2019-]* and (?:Mr\. |Mrs\. |Ms\. )?[A-Z]", head)
            and strip_possessive(words(head)[-1]) not in ORGANISATION_WORDS):
        return "group", NO_ENTITY  # "Mr. Grassley and Mr. Leahy", "Obama and Clinton"
    if run is not None:
        # A capitalised first word that the article also writes in lower case is a common noun
        # at the start of a sentence ("Protesters"), not a name.
        one = words(run)
        if len(one) == 1 and re.search(r"(?<![\w.])" + re.escape(one[0].lower()) + r"(?!\w)", text):
            return ("group" if one[0].endswith("s") else "nominal"), NO_ENTITY
        # Members of a party or a people: "Republicans" beside "Republican", "Mexicans".
        first_capital = next((w for w in words(head) if is_capitalised(w)), None)
        if (len(one) == 1 and one[0].endswith("s") and first_capital == one[0]
                and re.search(r"\b" + re.escape(one[0][:-1]) + r"\b", text)):
            return "group", NO_ENTITY
        # A transcript label in capitals ("WALLACE:") is the name the article writes "Wallace".
        if run.isupper() and len(run) > 3 and run.capitalize() in text:
            run = run.capitalize()
        return "name", run
    if low.startswith(ANONYMOUS_STARTS):
        return "anonymous", NO_ENTITY
    last = strip_possessive(words(source)[-1]) if words(source) else ""
    if last.endswith("s") and not last.endswith("ss"):
        return "group", NO_ENTITY
    return "nominal", None


def draft_article(text, sources):
    """{tid: (category, key)} for one annotation file, in text order, the running speaker being
    the key of the last name-source before each pronoun."""
    fulls = full_names(text)
    out, running = {}, None
    for tid, (ranges, src) in sorted(sources.items(), key=lambda kv: kv[1][0][0][0]):
        start = ranges[0][0]
        cat, key = classify(src, text, start)
        if cat == "name":
            key = expand(key, fulls)
            running = key
        elif cat == "pronoun":
            key = running if running and src.lower() in SINGULAR_PRONOUNS else NO_ENTITY
        elif cat == "relative":
            before = text[max(0, start - 80):start].rstrip(" ,")
            run = name_run(before.split(".")[-1]) if before else None
            key = expand(run, fulls) if run else NO_ENTITY
        elif key is None:
            key = running or NO_ENTITY
        out[tid] = (cat, key)
    return out


def surname_forms(key, keys, fulls):
    """The forms a key is matched by: itself, and its last word when no other person of the
    article (another key, or a fuller name in the text) ends with it."""
    forms = [key]
    toks = words(key)
    if len(toks) >= 2 and all(is_capitalised(t) for t in toks):
        last = toks[-1]
        rivals = {k for k in keys if k != key and words(k)[-1] == last}
        rivals |= {n for n in fulls if n != key and n.split()[-1] == last and len(n.split()) == 2
                   and n.split()[0] not in TITLES}
        if not rivals:
            forms.append(last)
    return forms


def format_ranges(ranges):
    return ";".join(f"{s}-{e}" for s, e in ranges)


def draft(data, out_path):
    articles = load_split(data)
    entries, keys_by_text, fulls_by_text = [], defaultdict(set), {}
    for stem, text, sources in articles:
        fulls_by_text[text_id(stem)] = full_names(text)
        for tid, (cat, key) in draft_article(text, sources).items():
            entries.append((stem, tid, format_ranges(sources[tid][0]), key, cat, "rule"))
            if key != NO_ENTITY:
                keys_by_text[text_id(stem)].add(key)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for tid_text in sorted(keys_by_text):
            keys = keys_by_text[tid_text]
            for key in sorted(keys):
                f.write("F\t%s\t%s\t%s\n" % (tid_text, key, "|".join(surname_forms(key, keys, fulls_by_text[tid_text]))))
        for e in sorted(entries, key=lambda e: (e[0], int(e[1][1:]))):
            f.write("R\t" + "\t".join(e) + "\n")
    print("polnear_referents: %d entries, %d keys -> %s" % (len(entries), sum(map(len, keys_by_text.values())), out_path))


HEADER = """# PolNeAR dev: the referent of every attributed Source (lede's own annotation; conventions in
# eval/polnear/README.md). Drafted by `python3 tools/polnear_referents.py draft`, then read and
# corrected by hand; `python3 tools/polnear_referents.py check` tests it against the annotations.
# F <article> <key> <forms>: an entity of the article and the names it is matched by (| between).
# R <annotation file> <source id> <code-point ranges> <key or -> <category> <rule|read|changed>
#   key "-": no single entity (scored apart). rule: as drafted, not read; read: read in context
#   and kept; changed: read in context and corrected.
"""


def parse_reference(lines):
    """(forms {(article, key): [forms]}, entries [(stem, tid, ranges, key, category, check)]);
    raises ValueError naming the line on a malformed one."""
    forms, entries = {}, []
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "F" and len(cols) == 4 and cols[3]:
            forms[(cols[1], cols[2])] = cols[3].split("|")
        elif cols[0] == "R" and len(cols) == 7 and cols[5] in CATEGORIES and cols[6] in CHECKS:
            ranges = tuple(tuple(int(x) for x in r.split("-")) for r in cols[3].split(";"))
            entries.append((cols[1], cols[2], ranges, cols[4], cols[5], cols[6]))
        else:
            raise ValueError("line %d: malformed: %r" % (n, line[:80]))
    return forms, entries


def check(data, ref_path):
    """Problems of the reference against the dev annotations, as messages (empty: consistent)."""
    with open(ref_path, encoding="utf-8") as f:
        forms, entries = parse_reference(f)
    articles = {stem: sources for stem, _, sources in load_split(data)}
    problems, seen = [], set()
    for stem, tid, ranges, key, cat, _ in entries:
        if (stem, tid) in seen:
            problems.append("%s %s: two entries" % (stem, tid))
        seen.add((stem, tid))
        if stem not in articles or tid not in articles[stem]:
            problems.append("%s %s: no such attributed source" % (stem, tid))
        elif articles[stem][tid][0] != ranges:
            problems.append("%s %s: offsets %s, annotated %s" % (stem, tid, ranges, articles[stem][tid][0]))
        if key != NO_ENTITY and (text_id(stem), key) not in forms:
            problems.append("%s %s: key %r has no forms line" % (stem, tid, key))
    for stem, sources in articles.items():
        for tid in sources:
            if (stem, tid) not in seen:
                problems.append("%s %s: attributed source without an entry" % (stem, tid))
    return problems


def show(data, ref_path, everything):
    """Prints the entries to read, each once per article (the texts annotated several times share
    their sources' offsets), with the source and the 170 characters before it."""
    with open(ref_path, encoding="utf-8") as f:
        _, entries = parse_reference(f)
    articles = {stem: (text, sources) for stem, text, sources in load_split(data)}
    shown = set()
    for stem, tid, ranges, key, cat, chk in entries:
        if (cat == "name" and not everything) or (text_id(stem), ranges) in shown:
            continue
        shown.add((text_id(stem), ranges))
        text, sources = articles[stem]
        s, e = ranges[0][0], ranges[-1][1]
        before = text[max(0, s - 170):s].replace("\n", " ")
        print("%s %s %s -> %s (%s)\n    ...%s[[%s]]%s\n" % (
            stem, tid, cat, key, chk, before, text[s:e], text[e:e + 30].replace("\n", " ")))


def main(argv):
    if len(argv) < 2 or argv[1] not in ("draft", "show", "check"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    data = data_dir(argv)
    ref = argv[argv.index("--ref") + 1] if "--ref" in argv else DEFAULT_REF
    if argv[1] == "draft":
        draft(data, argv[argv.index("--out") + 1] if "--out" in argv else ref)
    elif argv[1] == "show":
        show(data, ref, "--all" in argv)
    else:
        problems = check(data, ref)
        for p in problems:
            print("polnear_referents: " + p, file=sys.stderr)
        if problems:
            return 1
        print("polnear_referents: reference consistent with the dev annotations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
