// The forms of a word the tagger's features are computed from: normalised (news typography made to
// look like CoNLL's ASCII) and lower-cased. Shared by the runtime, the trainer and lede-clusters,
// so that all three see the same forms.
#pragma once

#include <string>
#include <string_view>

namespace lede {
namespace ner {

// Curly and angle quotes become ' or ", `` and '' become ", en/em dashes become -, … becomes ...,
// so that news text looks like CoNLL's ASCII. Appends to *out.
void normalize_word(std::string_view word, std::string* out);
// Lower-cases (NFC + case folding for non-ASCII) a normalised word into *out.
void lower_word(std::string_view normalized, std::string* out);

}  // namespace ner
}  // namespace lede
