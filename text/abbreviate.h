// Abbreviated: a name from outside, quoted in a message, kept short. gRPC
// sends an error's message as a header, and a name of any length (a 64 KiB
// team name) would push it past the client's header limit, so the caller
// would get a transport error instead of ours.
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

}  // namespace teamload::text

#endif  // TEAMLOAD_TEXT_ABBREVIATE_H_
