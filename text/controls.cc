#include "text/controls.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::text {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 sequence (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF) at the start of `text`, and its code
// point; 0 when the first byte does not start one.
int DecodeUtf8(absl::string_view text, char32_t& code_point) {
  const auto byte = [&](std::size_t i) {
    return static_cast<unsigned char>(text[i]);
  };
  const unsigned char lead = byte(0);
  int length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the 2nd byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < static_cast<std::size_t>(length)) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (int i = 1; i < length; ++i) {
    if (!IsContinuation(byte(i))) return 0;
    code_point = (code_point << 6) | (byte(i) & 0x3F);
  }
  return length;
}

bool IsHiddenCodePoint(char32_t c) {
  return (c >= 0x80 && c <= 0x9F) ||      // C1 controls
         (c >= 0x202A && c <= 0x202E) ||  // bidi embeddings and overrides
         (c >= 0x2066 && c <= 0x2069);    // bidi isolates
}

}  // namespace

std::string ShowControls(absl::string_view text, Newlines newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      char32_t code_point = 0;
      const int length = DecodeUtf8(text.substr(at), code_point);
      if (length == 0) {
        absl::StrAppendFormat(&out, "\\x%02x", c);
        ++at;
      } else {
        if (IsHiddenCodePoint(code_point)) {
          absl::StrAppendFormat(&out, "\\u%04x",
                                static_cast<uint32_t>(code_point));
        } else {
          absl::StrAppend(&out, text.substr(at, length));
        }
        at += length;
      }
      continue;
    }
    ++at;
    if (c >= 0x20 && c != 0x7F) {
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += newlines == Newlines::kKeep ? "\n" : "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      absl::StrAppendFormat(&out, "\\x%02x", c);
    }
  }
  return out;
}

}  // namespace teamload::text
