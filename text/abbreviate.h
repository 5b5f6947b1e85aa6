// Abbreviated: a name from outside, quoted in a message, kept short. gRPC
// sends an error's message as a header, and a name of any length (a 64 KiB
// team name) would push it past the client's header limit, so the caller
// would get a transport error instead of ours.
//
// Shortened: text from outside fitted to a place measured in characters (a
// line of a chart), cut by characters (code points), never by bytes; a
// character built of several code points may lose its last ones.
//
// Stateless and thread-safe.
#ifndef TEAMLOAD_TEXT_ABBREVIATE_H_
#define TEAMLOAD_TEXT_ABBREVIATE_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace teamload::text {

// `text` when it has at most `max_bytes` bytes; otherwise its first bytes,
// cut on a UTF-8 character boundary, and "... (N bytes)".
std::string Abbreviated(absl::string_view text, std::size_t max_bytes = 128);

// How many characters (code points) `text` has, counted by their first
// bytes. A character built of several code points (an accent, a flag)
// counts as several.
std::size_t Characters(absl::string_view text);

// The first `n` characters (code points) of `text`, all of it when it has
// no more; never cuts a character in two.
absl::string_view FirstCharacters(absl::string_view text, std::size_t n);

// `text` when it has at most `max_characters` characters (code points);
// otherwise its first `max_characters - 1`, trailing spaces dropped, and
// "…". Characters are counted by their first bytes, so none is cut in two
// (a stray continuation byte stays with the character before it). Call it
// on text already shown (ShowControls), so an escape counts as the
// characters a person sees.
// REQUIRES: max_characters >= 1.
std::string Shortened(absl::string_view text, std::size_t max_characters);

}  // namespace teamload::text

#endif  // TEAMLOAD_TEXT_ABBREVIATE_H_
