#!/usr/bin/env python3
"""Tests of tools/ner_corpora.py's conversions (no data needed): IO tags read as IOB2, BTC's "@ user"
pairs joined, GUM's named mentions from its entity layer, the spacing of detokenised text, the
texts as JSONL, and tools/gazetteer_lists.py's word splitting. Usage: python3 tools/test_ner_corpora.py"""
import io
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gazetteer_lists  # noqa: E402
import ner_corpora  # noqa: E402


def conllu(rows):
    """CoNLL-U rows from (form, xpos, upos, head, entity field) tuples, ids from 1."""
    out = []
    for i, (form, xpos, upos, head, entity) in enumerate(rows, 1):
        misc = f"Entity={entity}" if entity else "_"
        out.append([str(i), form, form, upos, xpos, "_", str(head), "dep", "_", misc])
    return out


class Conversions(unittest.TestCase):
    def test_io_tags_become_iob2(self):
        self.assertEqual(ner_corpora.iob2(["I-ORG", "I-ORG", "O", "I-PER", "I-LOC", "B-LOC"]),
                         ["B-ORG", "I-ORG", "O", "B-PER", "B-LOC", "B-LOC"])

    def test_btc_at_user_pairs_are_one_token(self):
        tweet = [("@", "B-PER"), ("colgo", "B-PER"), ("hey", "O"), ("@", "O")]
        self.assertEqual(ner_corpora.at_mentions(tweet), [("@colgo", "B-PER"), ("hey", "O"), ("@", "O")])

    def test_gum_names_are_proper_noun_runs_around_the_head(self):
        # "the Bay of Bengal area of India": a place mention headed by "area" (not a name), the
        # place "Bay of Bengal" inside it, and "India".
        rows = conllu([
            ("the", "DT", "DET", 5, "(1-place-new-x-x-1-sgl"),
            ("Bay", "NNP", "PROPN", 5, "(2-place-new-x-x-1-sgl"),
            ("of", "IN", "ADP", 4, None),
            ("Bengal", "NNP", "PROPN", 2, "2)"),
            ("area", "NN", "NOUN", 0, None),
            ("of", "IN", "ADP", 7, None),
            ("India", "NNP", "PROPN", 5, "(3-place-new-x-x-1-sgl)1)"),
            ("on", "IN", "ADP", 9, None),
            ("Thursday", "NNP", "PROPN", 5, "(4-time-new-x-x-1-sgl)"),
        ])
        self.assertEqual(ner_corpora.gum_names(rows),
                         ["O", "B-LOC", "I-LOC", "I-LOC", "O", "O", "B-LOC", "O", "O"])

    def test_gum_title_and_determiner_stay_out(self):
        rows = conllu([
            ("the", "DT", "DET", 3, "(1-organization-new-x-x-1-sgl"),
            ("Mad", "NNP", "PROPN", 3, None),
            ("Capsule", "NNP", "PROPN", 0, "1)"),
            ("said", "VBD", "VERB", 3, None),
        ])
        self.assertEqual(ner_corpora.gum_names(rows), ["O", "B-ORG", "I-ORG", "O"])

    def test_detokenised_text_and_spans(self):
        d = ner_corpora.Document("x")
        d.sentences = [[("Putin", "B-PER"), ("'s", "O"), ("plan", "O"), ("(", "O"), ("2024", "O"), (")", "O"),
                        (",", "O"), ("he", "O"), ("said", "O"), (".", "O")]]
        text, spans = ner_corpora.detokenize(d)
        self.assertEqual(text, "Putin's plan (2024), he said.\n")
        self.assertEqual([text[a:b] for a, b in spans], [w for w, _ in d.sentences[0]])

    def test_texts_as_jsonl_kept_or_detokenised(self):
        kept, bare = ner_corpora.Document("GUM_news_x"), ner_corpora.Document("wiki 1")
        kept.text = "\u201cNo,\u201d she said.\n\nNext paragraph."
        bare.sentences = [[("Paris", "B-LOC"), (",", "O"), ("France", "B-LOC")]]
        out = io.StringIO()
        ner_corpora.write_texts([kept, bare], out)
        lines = out.getvalue().splitlines()
        self.assertEqual([json.loads(line) for line in lines],
                         [{"id": "GUM_news_x", "text": kept.text}, {"id": "wiki 1", "text": "Paris, France\n"}])

    def test_gazetteer_phrases_split_as_lede_tokenises(self):
        self.assertEqual(gazetteer_lists.words("McDonald's Corp."), ["McDonald", "'s", "Corp."])
        self.assertEqual(gazetteer_lists.words("Paris, Texas (USA)"), ["Paris", ",", "Texas", "(", "USA", ")"])

    def test_company_names_with_and_without_legal_form(self):
        lists = {"company": set()}
        ok = lambda w: w not in ("News", "Texas")  # noqa: E731
        gazetteer_lists.add_company(lists, "Apple Inc.", ok)
        gazetteer_lists.add_company(lists, "News Corporation", ok)
        gazetteer_lists.add_company(lists, "Texas", ok)
        gazetteer_lists.add_company(lists, "Agilent Technologies, Inc.", ok)
        self.assertEqual(lists["company"], {"Apple Inc.", "Apple", "News Corporation",
                                            "Agilent Technologies, Inc.", "Agilent Technologies"})

    def test_listed_company_name_cut_before_the_security(self):
        cut = gazetteer_lists.SECURITY_WORDS.sub
        self.assertEqual(cut("", "Genprex, Inc. - Common Stock"), "Genprex, Inc.")
        self.assertEqual(cut("", "Knowles Corporation Common Stock"), "Knowles Corporation")
        self.assertEqual(cut("", "PSQ Holdings, Inc. Class A Common Stock"), "PSQ Holdings, Inc.")
        self.assertEqual(cut("", "American Financial Group, Inc. 5.625% Subordinated Debentures"),
                         "American Financial Group, Inc.")


if __name__ == "__main__":
    unittest.main()
