// RespondentHasher: who answered a survey, as a pseudonym that never lets the
// raw respondent id (usually an e-mail address) leave the collector.
//
// The pseudonym is HMAC-SHA256(salt, id) with a per-deployment secret salt,
// truncated to 64 bits (16 hex digits): stable across runs and surveys, so
// answering again revises rather than adds, yet not reversible or guessable
// from a list of colleagues' addresses without the salt. Ids are compared
// trimmed and in ASCII lower case ("Ana@Example.com " is "ana@example.com").
//
// Thread-safe: immutable after construction.
#ifndef TEAMLOAD_COLLECTORS_SURVEY_RESPONDENT_HASH_H_
#define TEAMLOAD_COLLECTORS_SURVEY_RESPONDENT_HASH_H_

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace teamload::collectors::survey {

// The environment variable that holds the salt.
inline constexpr char kSaltVariable[] = "TEAMLOAD_SURVEY_SALT";
// Shorter salts are refused: they could be guessed.
inline constexpr int kMinSaltBytes = 16;

// The salt from `salt_file` when one is named (surrounding whitespace
// trimmed), else from `env_value` (the variable's value, or nullptr when
// unset). FAILED_PRECONDITION saying how to provide one when there is none
// or it is too short; NOT_FOUND when the file cannot be read.
absl::StatusOr<std::string> LoadSalt(const char* env_value,
                                     const std::string& salt_file);

class RespondentHasher {
 public:
  // REQUIRES: salt.size() >= kMinSaltBytes (LoadSalt checks it).
  explicit RespondentHasher(std::string salt) : salt_(std::move(salt)) {}

  // 16 lower-case hex digits.
  std::string Hash(absl::string_view respondent) const;

 private:
  std::string salt_;
};

// The first 16 hex digits of SHA-256(text): a short, stable key for a
// question's name in signal ids. Not secret.
std::string ShortDigest(absl::string_view text);

}  // namespace teamload::collectors::survey

#endif  // TEAMLOAD_COLLECTORS_SURVEY_RESPONDENT_HASH_H_
