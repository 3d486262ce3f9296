// Speaker phrases resolved to entities. Pronouns resolve to the running speaker (the entity of
// the attribution just before, up to three sentences back) when their own sentence names no one
// compatible before them, else to the nearest compatible entity outside quotations, preferring
// the first one of the nearest sentence (its subject): he/she by the
// gender of titles and first names (entity facts), it/they to organisations. A title standing
// alone ("the mayor", "the senator" after "Sen. …") is the one person the article names with that
// office, if that person is the last one named before it (a role such as "the candidate" is not
// resolved). A phrase headed by a person's role is not the place, nationality or person in it
// ("the Florida senator", "Trump's campaign manager"); an organisation speaks through its people
// ("a Kremlin spokesman"). A name in apposition after a common-noun phrase is the speaker ("the
// senator's press secretary, Ann Lee": Ann Lee; "The plant's owner, Calloway Energy Ltd."); a
// phrase headed by a kind of organisation with no name in it ("the party", "the newspaper") is
// the organisation named last before it; a definite description of one person with no name in
// it ("the New York businessman") is the running speaker when that is a person. `speaker.mention` is the phrase at the cue (possibly
// the pronoun).
#pragma once

#include "lede/lede.h"
#include "quotes/index.h"
#include "quotes/phrases.h"

namespace lede {
namespace quotes {

// The speaker of the attributions just before: a pronoun whose own sentence names nobody it can
// stand for is that speaker when compatible and recent ("... , Clinton said. Machado was called
// names. 'It was cruel,' she said." : Clinton, not Machado).
struct RunningSpeaker {
  uint32_t entity = kNone;
  uint32_t sentence = kNone;  // where that attribution ends
};

// The speaker a phrase names: its mention, and the entity (with its name) when the phrase
// resolves to one, else the phrase's own words as the name.
Speaker speaker_of_phrase(const TokenIndex& ix, Phrase phrase, RunningSpeaker running = {});

}  // namespace quotes
}  // namespace lede
