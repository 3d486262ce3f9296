// Normalised forms (NFC, case folding, folding for matching) that later stages compare, leaving
// offsets to the original text.
#include <catch2/catch.hpp>

#include "text/normalize.h"

TEST_CASE("normalised forms for later stages leave offsets alone", "[text]") {
  CHECK(lede::nfc("cafe\xCC\x81") == "caf\xC3\xA9");
  CHECK(lede::fold_case("PUTIN") == "putin");
  CHECK(lede::fold_case("STRAẞE") == "strasse");
  CHECK(lede::fold_for_matching("Zelenskyy") == lede::fold_for_matching("ZELENSKYY"));
  CHECK(lede::fold_for_matching("Café") == "cafe");
  CHECK(lede::fold_for_matching("Müller") == "muller");
  CHECK(lede::fold_case("A\xFF") == "a\xEF\xBF\xBD");  // invalid bytes read as U+FFFD
  CHECK(lede::nfc("\xC3\xA9\xFF") == "\xC3\xA9\xEF\xBF\xBD");
}
