#include "text/abbreviate.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace teamload::text {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

std::string Abbreviated(absl::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  // Back up over continuation bytes (10xxxxxx) to a character's start.
  while (cut > 0 && IsContinuation(text[cut])) --cut;
  return absl::StrCat(text.substr(0, cut), "... (", text.size(), " bytes)");
}

std::size_t Characters(absl::string_view text) {
  std::size_t characters = 0;
  for (const char byte : text) characters += !IsContinuation(byte);
  return characters;
}

std::string Shortened(absl::string_view text, std::size_t max_characters) {
  std::size_t characters = 0;
  std::size_t kept = 0;  // bytes of the first max_characters - 1 characters
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (IsContinuation(text[at])) continue;
    if (characters + 1 == max_characters) kept = at;
    if (++characters > max_characters) {
      return absl::StrCat(
          absl::StripTrailingAsciiWhitespace(text.substr(0, kept)), "…");
    }
  }
  return std::string(text);
}

}  // namespace teamload::text
