// The entity-level speaker rule of lede-polnear-eval (eval/polnear/polnear_referents.h) on a
// hand-made analysis: which entity a quotation's speaker is, and when it is a referent's entity;
// and the reference file's reader on good and malformed lines.
#include <catch2/catch.hpp>

#include "polnear_referents.h"

namespace {

lede::Entity entity(const std::string& name, std::vector<std::string> aliases, lede::Span mention) {
  lede::Entity e;
  e.type = lede::EntityType::PERSON;
  e.name = name;
  e.aliases = std::move(aliases);
  lede::Mention m;
  m.span = mention;
  e.mentions.push_back(m);
  return e;
}

lede::Quote quote_by(uint32_t entity, const std::string& name, lede::Span mention) {
  lede::Quote q;
  q.has_speaker = true;
  q.speaker.entity = entity;
  q.speaker.name = name;
  q.speaker.has_mention = true;
  q.speaker.mention = mention;
  return q;
}

// "Hillary Rodham Clinton said ... Clinton said ... Bill Clinton said ... she said ..."
lede::Analysis article() {
  lede::Analysis a;
  a.entities.push_back(entity("Hillary Clinton", {"Hillary Clinton", "Mrs. Clinton"}, {0, 23}));
  a.entities.push_back(entity("Bill Clinton", {"Bill Clinton"}, {60, 72}));
  a.entities.push_back(entity("Clinton", {"Clinton"}, {30, 37}));  // a surname lede left alone
  return a;
}

}  // namespace

TEST_CASE("names compare without titles, initials, suffixes, possessives or case", "[polnear-ref]") {
  CHECK(polnear::normalise_name("President Barack H. Obama's") == "barack obama");
  CHECK(polnear::normalise_name("Vice President Joseph R. Biden Jr.") == "joseph biden");
  CHECK(polnear::normalise_name("The New York Times") == "new york times");
  CHECK(polnear::normalise_name("WALLACE") == "wallace");
  CHECK(polnear::normalise_name("Del. Stacey Plaskett") == "stacey plaskett");
  // A title alone stays: it is the whole name shown.
  CHECK(polnear::normalise_name("President") == "president");
}

TEST_CASE("the speaker is the referent when its entity goes by one of the referent's forms", "[polnear-ref]") {
  const lede::Analysis a = article();
  const std::vector<std::string> hillary = {"Hillary Clinton"};
  // Resolved to her entity: its name is the key.
  CHECK(polnear::speaker_is(a, quote_by(0, "Hillary Clinton", {90, 93}), hillary));
  // Resolved to Bill Clinton: another person with the same surname.
  CHECK_FALSE(polnear::speaker_is(a, quote_by(1, "Bill Clinton", {60, 72}), hillary));
  // The bare-surname entity is right only when the surname is one of the forms, which the
  // reference gives only when no one else in the article bears it.
  CHECK_FALSE(polnear::speaker_is(a, quote_by(2, "Clinton", {30, 37}), hillary));
  CHECK(polnear::speaker_is(a, quote_by(2, "Clinton", {30, 37}), {"Hillary Clinton", "Clinton"}));
}

TEST_CASE("a speaker without a resolved entity is matched through its mention or its words", "[polnear-ref]") {
  const lede::Analysis a = article();
  // No entity index, but the mention is one of Bill Clinton's mentions.
  lede::Quote by_mention = quote_by(lede::Speaker::kNoEntity, "Clinton", {60, 72});
  REQUIRE(polnear::speaker_entity(a, by_mention) == &a.entities[1]);
  CHECK(polnear::speaker_is(a, by_mention, {"Bill Clinton"}));
  // An unresolved pronoun is shown as "she": never the referent.
  lede::Quote pronoun = quote_by(lede::Speaker::kNoEntity, "she", {100, 103});
  CHECK(polnear::speaker_entity(a, pronoun) == nullptr);
  CHECK_FALSE(polnear::speaker_is(a, pronoun, {"Hillary Clinton", "Clinton"}));
  // An unresolved name shown as written is right when it is a form of the referent.
  CHECK(polnear::speaker_is(a, quote_by(lede::Speaker::kNoEntity, "Mr. Pence", {110, 119}), {"Mike Pence", "Pence"}));
  // No speaker at all.
  lede::Quote none;
  CHECK_FALSE(polnear::speaker_is(a, none, {"Hillary Clinton"}));
}

TEST_CASE("the reference reader keeps forms and entries and names a bad line", "[polnear-ref]") {
  polnear::Reference ref;
  std::string error;
  REQUIRE(polnear::parse_reference("# header\n"
                                   "F\tart\tMike Pence\tMike Pence|Pence\n"
                                   "R\tart_x1\tT5\t10-14;20-22\tMike Pence\tpronoun\tread\n"
                                   "R\tart_x1\tT9\t30-38\t-\tgroup\trule\n",
                                   &ref, &error));
  CHECK(ref.forms["art"]["Mike Pence"] == std::vector<std::string>{"Mike Pence", "Pence"});
  const polnear::Referent& r = ref.referents.at({"art_x1", "T5"});
  CHECK(r.key == "Mike Pence");
  CHECK(r.offsets == std::vector<uint32_t>{10, 14, 20, 22});
  CHECK(ref.referents.at({"art_x1", "T9"}).no_entity());

  polnear::Reference bad;
  CHECK_FALSE(polnear::parse_reference("R\tart_x1\tT5\t10-14\tMike Pence\tpronoun\tread\n", &bad, &error));
  CHECK(error.find("no forms line") != std::string::npos);
  CHECK_FALSE(polnear::parse_reference("F\tart\tA\tA\nR\tart_x1\tT5\t14-10\tA\tname\trule\n", &bad, &error));
  CHECK(error.find("line 2") != std::string::npos);
  CHECK_FALSE(polnear::parse_reference("F\tart\tA\tA\nR\tart_x1\tT5\t1-4\tA\tname\trule\nR\tart_x1\tT5\t1-4\tA\tname\trule\n",
                                       &bad, &error));
  CHECK(error.find("second entry") != std::string::npos);
  CHECK_FALSE(polnear::parse_reference("X\tjunk\n", &bad, &error));
  CHECK(error.find("line 1") != std::string::npos);
}
