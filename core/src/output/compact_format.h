// The compact result (lede::to_compact in lede/lede.h): the wire format between the core and the
// JS glue (wasm/src decodes it), private to the two of them. Changing it means changing the
// decoder in the same commit; tests/support.cpp's check_compact reads it independently and
// compares it field by field with the JSON of the same analysis.
//
// 32-bit words: w[0] = N, the words before the strings; w[1] = the strings' size in bytes; the
// strings (UTF-8, valid: invalid input reads as U+FFFD) begin at byte 4 * N. From w[2] on, the
// fields of the JSON result in its order, where
//   span   = start, end                         (its text: the caller's text between them)
//   string = start, end in the strings, in the unit, or kCompactNone twice for null
//   list   = count, then each item
//   length
//   sentences: list of span;  paragraphs: list of span
//   tokens: kCompactNone when not asked for, else list of (span, kind: TokenKind)
//   entities: list of (id, type: EntityType, name: string, aliases: list of string,
//                      mentions: list of (span, title: string, null when none))   count = mentions
//   quotes: list of (id, kind: QuoteKind, span, speaker: 0 = null, or 1 then
//                    (entity or kCompactNone, name: string, mention: span or kCompactNone twice),
//                    cue: span or kCompactNone twice)
//   warnings: list of string
//   values: list of (id, type: ValueType, span, form: ValueForm, a: string, b: string) where by
//           form: none: both null; iso: a the ISO text; range: a from, b to; number: a the
//           amount (a decimal numeral, which the decoder turns into a number); money: a amount,
//           b currency; quantity: a amount, b unit. Appended after warnings: the section a
//           decoder of the earlier layout never reads.
// A result too large for 32-bit counts (gigabytes of text, with tokens) comes with nothing but
// a warning saying so.
#pragma once

#include "lede/lede.h"  // kCompactNone: a null in the layout above
