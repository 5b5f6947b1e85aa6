#include "collectors/survey/respondent_hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace teamload::collectors::survey {
namespace {

// 16 hex digits of the first 8 bytes of a digest.
std::string Hex16(const unsigned char* digest) {
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), 8));
}

}  // namespace

absl::StatusOr<std::string> LoadSalt(const char* env_value,
                                     const std::string& salt_file) {
  std::string salt;
  std::string from;
  if (!salt_file.empty()) {
    std::ifstream in(salt_file, std::ios::binary);
    if (!in) {
      return absl::NotFoundError(
          absl::StrCat("--salt-file ", salt_file, ": cannot read it"));
    }
    std::stringstream text;
    text << in.rdbuf();
    salt = std::string(absl::StripAsciiWhitespace(text.str()));
    from = absl::StrCat("--salt-file ", salt_file);
  } else if (env_value != nullptr) {
    salt = env_value;
    from = kSaltVariable;
  }
  if (salt.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        "no salt to hash respondents with: set ", kSaltVariable,
        " or pass --salt-file FILE with a secret of at least ", kMinSaltBytes,
        " characters kept for this deployment (the same salt keeps hashed "
        "respondents stable between runs), e.g. `openssl rand -hex 32 > "
        "/etc/teamload/survey-salt`"));
  }
  if (static_cast<int>(salt.size()) < kMinSaltBytes) {
    return absl::FailedPreconditionError(absl::StrCat(
        from, ": the salt is ", salt.size(), " characters; use at least ",
        kMinSaltBytes, " (e.g. `openssl rand -hex 32`)"));
  }
  return salt;
}

std::string RespondentHasher::Hash(absl::string_view respondent) const {
  const std::string id =
      absl::AsciiStrToLower(absl::StripAsciiWhitespace(respondent));
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), salt_.data(), static_cast<int>(salt_.size()),
       reinterpret_cast<const unsigned char*>(id.data()), id.size(), digest,
       &size);
  return Hex16(digest);
}

std::string ShortDigest(absl::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), digest, &size, EVP_sha256(), nullptr);
  return Hex16(digest);
}

}  // namespace teamload::collectors::survey
