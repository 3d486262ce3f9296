// The names the JSON and the CLI give the result's kinds and types (declared in lede/lede.h).
#include "lede/lede.h"

namespace lede {

const char* token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::word: return "word";
    case TokenKind::number: return "number";
    case TokenKind::abbreviation: return "abbreviation";
    case TokenKind::punct: return "punct";
    case TokenKind::quote: return "quote";
    case TokenKind::dash: return "dash";
    case TokenKind::symbol: return "symbol";
    case TokenKind::url: return "url";
    case TokenKind::email: return "email";
    case TokenKind::handle: return "handle";
    case TokenKind::hashtag: return "hashtag";
    case TokenKind::emoji: return "emoji";
    case TokenKind::other: return "other";
  }
  return "other";
}

const char* entity_type_name(EntityType type) {
  switch (type) {
    case EntityType::PERSON: return "PERSON";
    case EntityType::ORG: return "ORG";
    case EntityType::LOC: return "LOC";
    case EntityType::MISC: return "MISC";
  }
  return "MISC";
}

const char* quote_kind_name(QuoteKind kind) {
  switch (kind) {
    case QuoteKind::direct: return "direct";
    case QuoteKind::partial: return "partial";
    case QuoteKind::indirect: return "indirect";
  }
  return "direct";
}

const char* value_type_name(ValueType type) {
  switch (type) {
    case ValueType::DATE: return "DATE";
    case ValueType::TIME: return "TIME";
    case ValueType::DURATION: return "DURATION";
    case ValueType::MONEY: return "MONEY";
    case ValueType::PERCENT: return "PERCENT";
    case ValueType::QUANTITY: return "QUANTITY";
  }
  return "DATE";
}

}  // namespace lede
