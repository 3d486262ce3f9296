// `lede tag --conll`: tags CoNLL-2003 column files for evaluation.
#pragma once

#include <iosfwd>
#include <string>

namespace lede {
class TaggerModel;
}

// Reads CoNLL lines (first column the token; `-DOCSTART-` starts a document; a blank line ends a
// sentence) and writes every line back with one more column, the predicted IOB2 tag (`O` on
// `-DOCSTART-` lines; blank lines stay blank). Each document is tagged as a whole, so the
// document-level features see exactly its sentences. Returns 0, or 2 with *error set when reading
// or writing fails.
int run_tag_conll(std::istream& in, std::ostream& out, const lede::TaggerModel& model, std::string* error);
