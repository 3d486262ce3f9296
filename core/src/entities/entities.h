// Merging the tagger's mentions into per-document entities. The room: mentions.{h,cpp} (spans
// and titles), entities.{h,cpp} (merging), facts.{h,cpp} (gender and offices, for the quotes stage).
//
// Conventions (documented here because the JSON shows them):
// - A title or role is never part of a mention's span, nor a trailing possessive (mentions.h:
//   the one place where a title before a name is decided).
// - Matching is case- and diacritic-insensitive. A bare surname or first name joins the one full
//   name that carries it; when two people share it ("Bill Clinton", "Hillary Clinton"), each bare
//   mention joins one of them: of its title's gender; carrying its office title ("President
//   Clinton") or, failing any, carrying none; named within 30 tokens before it (the nearest),
//   else named first in the article. Full names with different first names never merge.
// - Transliteration variants of a distinctive word (Zelenskyy / Zelensky) merge when their folded
//   spellings are one edit apart and at least six letters long, or when the alias table lists them.
// - An acronym joins the long form whose initials it spells ("NATO", "North Atlantic Treaty
//   Organization") when both appear.
// - A company written with and without its legal form ("Calloway Energy Ltd.", "Calloway
//   Energy"; "Inc.", "GmbH", "Corporation", ...) is one, unless the shorter form is a person.
// - The entity type is the majority type of its mentions; its name the most complete form; its
//   aliases the distinct surface forms in order of appearance. Entities are ordered by first
//   mention and numbered from 0.
#pragma once

#include <string_view>
#include <vector>

#include "lede/lede.h"

namespace lede {

std::vector<Entity> merge_entities(std::string_view text, const std::vector<Token>& tokens,
                                   const std::vector<Segment>& sentences,
                                   std::vector<Mention> mentions);

// Levenshtein distance between a and b when it is at most `limit`, else limit + 1.
size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit);

}  // namespace lede
