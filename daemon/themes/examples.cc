#include "daemon/themes/examples.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace teamload::themes {
namespace {

constexpr absl::string_view kPrefix = "__label__";

bool IsLabel(absl::string_view label) {
  if (label.empty()) return false;
  for (char c : label) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '_')
      return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::vector<Example>> ParseExamples(absl::string_view text,
                                                   absl::string_view origin) {
  std::vector<Example> examples;
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const auto problem = [&](absl::string_view what) {
      return absl::InvalidArgumentError(
          absl::StrCat(origin, ":", line_number, ": ", what));
    };
    Example example;
    while (absl::ConsumePrefix(&line, kPrefix)) {
      const std::size_t end = line.find_first_of(" \t");
      const absl::string_view label = line.substr(0, end);
      if (!IsLabel(label)) {
        return problem(absl::StrCat(
            "label \"", label, "\" is not lower-case letters, digits and '_'"));
      }
      example.labels.emplace_back(label);
      line = end == absl::string_view::npos
                 ? absl::string_view()
                 : absl::StripLeadingAsciiWhitespace(line.substr(end));
    }
    if (example.labels.empty())
      return problem("an example starts with __label__NAME");
    if (line.empty()) return problem("an example needs text after its labels");
    example.text = std::string(line);
    examples.push_back(std::move(example));
  }
  return examples;
}

}  // namespace teamload::themes
