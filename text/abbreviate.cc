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

absl::string_view FirstCharacters(absl::string_view text, std::size_t n) {
  std::size_t characters = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (IsContinuation(text[at])) continue;
    if (characters++ == n) return text.substr(0, at);
  }
  return text;
}

std::string Shortened(absl::string_view text, std::size_t max_characters) {
  if (Characters(text) <= max_characters) return std::string(text);
  return absl::StrCat(absl::StripTrailingAsciiWhitespace(
                          FirstCharacters(text, max_characters - 1)),
                      "…");
}

}  // namespace teamload::text
