#!/usr/bin/env python3
"""Tests of tools/polnear_referents.py: the drafting rules on hand-made sources, the reader of the
reference file, and the committed reference eval/polnear/dev-referents.tsv against PolNeAR dev's
annotations (every entry's source id and offsets exist, every attributed source has one entry,
every key has its forms). The data test is skipped without the data folder ($LEDE_DATA, else
../shared/data beside the repository) unless LEDE_REQUIRE_DATA is set, as in CI.
Usage: python3 tools/test_polnear_referents.py"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import polnear_referents as pr  # noqa: E402


class NameRules(unittest.TestCase):
    def test_titles_appositives_and_suffixes_are_not_part_of_a_name(self):
        self.assertEqual(pr.name_run("Senate Minority Leader Harry Reid (D-Nev.)"), "Harry Reid")
        self.assertEqual(pr.name_run("Flynn, a top Trump surrogate,"), "Flynn")
        self.assertEqual(pr.name_run("Vice President Joseph R. Biden Jr."), "Joseph R. Biden")
        self.assertEqual(pr.name_run("Hillary Clinton\u2019s campaign manager Robby Mook"), "Robby Mook")

    def test_a_common_noun_head_is_not_a_name(self):
        self.assertIsNone(pr.name_run("The Trump campaign"))
        self.assertIsNone(pr.name_run("advisers to Mr. Obama"))
        self.assertIsNone(pr.name_run("a 2014 study by Harvard"))

    def test_a_surname_expands_only_to_a_single_fuller_name(self):
        fulls = pr.full_names("Homeland Security Secretary Jeh Johnson spoke. Libertarian candidate Gary Johnson ran. "
                              "Sen. Ted Cruz agreed.")
        self.assertEqual(pr.expand("Cruz", fulls), "Ted Cruz")
        self.assertEqual(pr.expand("Johnson", fulls), "Johnson")  # two Johnsons: left to reading
        self.assertEqual(pr.expand("Donald J. Trump", fulls), "Donald Trump")

    def test_kinds_of_sources(self):
        text = "Republican leaders met. Protesters marched; the protesters left."
        self.assertEqual(pr.classify("he", text, 0), ("pronoun", None))
        self.assertEqual(pr.classify("who", text, 0), ("relative", None))
        self.assertEqual(pr.classify("Republicans", text, 0), ("group", pr.NO_ENTITY))
        self.assertEqual(pr.classify("Protesters", text, 0), ("group", pr.NO_ENTITY))
        self.assertEqual(pr.classify("Obama and Clinton", text, 0), ("group", pr.NO_ENTITY))
        self.assertEqual(pr.classify("a source", text, 0), ("anonymous", pr.NO_ENTITY))
        self.assertEqual(pr.classify("the newspaper", text, 0), ("nominal", None))

    def test_pronouns_go_to_the_running_speaker(self):
        text = "Mike Pence spoke. He said so. They agreed."
        sources = {"T1": (((0, 10),), "Mike Pence"), "T2": (((18, 20),), "He"), "T3": (((30, 34),), "They")}
        self.assertEqual(pr.draft_article(text, sources),
                         {"T1": ("name", "Mike Pence"), "T2": ("pronoun", "Mike Pence"),
                          "T3": ("pronoun", pr.NO_ENTITY)})

    def test_a_surname_form_only_when_no_one_else_in_the_article_bears_it(self):
        fulls = pr.full_names("Hillary Clinton and Bill Clinton. Mike Pence.")
        self.assertEqual(pr.surname_forms("Mike Pence", {"Mike Pence"}, fulls), ["Mike Pence", "Pence"])
        self.assertEqual(pr.surname_forms("Hillary Clinton", {"Hillary Clinton"}, fulls), ["Hillary Clinton"])


class ReferenceFile(unittest.TestCase):
    def test_reads_forms_and_entries(self):
        forms, entries = pr.parse_reference([
            "# comment\n", "F\tart\tMike Pence\tMike Pence|Pence\n",
            "R\tart_x1\tT5\t10-14;20-22\tMike Pence\tpronoun\tread\n"])
        self.assertEqual(forms, {("art", "Mike Pence"): ["Mike Pence", "Pence"]})
        self.assertEqual(entries, [("art_x1", "T5", ((10, 14), (20, 22)), "Mike Pence", "pronoun", "read")])

    def test_a_malformed_line_names_its_number(self):
        with self.assertRaisesRegex(ValueError, "line 2"):
            pr.parse_reference(["F\tart\tA\tA\n", "R\tart_x1\tT5\t10-14\tA\tpronoun\n"])
        with self.assertRaisesRegex(ValueError, "line 1"):
            pr.parse_reference(["R\tart_x1\tT5\t10-14\tA\tpronoun\tguessed\n"])


def data_root():
    return os.environ.get("LEDE_DATA") or os.path.join(pr.HERE, "..", "..", "shared", "data")


@unittest.skipUnless(os.path.isdir(os.path.join(data_root(), "polnear", "dev")) or os.environ.get("LEDE_REQUIRE_DATA"),
                     "no PolNeAR data (set LEDE_DATA)")
class CommittedReference(unittest.TestCase):
    def test_consistent_with_the_dev_annotations(self):
        self.assertEqual(pr.check(data_root(), pr.DEFAULT_REF), [])

    def test_every_entry_not_drafted_from_a_name_was_read(self):
        with open(pr.DEFAULT_REF, encoding="utf-8") as f:
            _, entries = pr.parse_reference(f)
        unread = [e[:2] for e in entries if e[5] == "rule" and e[4] in ("pronoun", "relative", "nominal")]
        self.assertEqual(unread, [])


if __name__ == "__main__":
    unittest.main()
