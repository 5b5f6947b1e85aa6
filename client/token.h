// Bearer tokens: how one is made and the digest the daemon's config keeps
// instead of the token itself. One home for the rule, used by
// `teamloadctl token new` and by the daemon that checks tokens.
//
// Stateless and thread-safe.
#ifndef TEAMLOAD_CLIENT_TOKEN_H_
#define TEAMLOAD_CLIENT_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace teamload::client {

// A fresh token: "tl_" and 32 bytes from the operating system's random
// source in base64url (256 bits: guessing is hopeless, so a fast digest is
// enough). INTERNAL if the random source fails.
absl::StatusOr<std::string> NewToken();

// The SHA-256 digest of `token`, 64 lowercase hex digits.
std::string TokenDigest(absl::string_view token);

}  // namespace teamload::client

#endif  // TEAMLOAD_CLIENT_TOKEN_H_
