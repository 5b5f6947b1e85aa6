#include "daemon/config/themes_section.h"

#include <algorithm>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace teamload::config {
namespace {

// At most this many themes per source: facts keep their themes as bits.
constexpr int kMaxThemesPerSource = 32;

absl::string_view SourceName(ThemeSource source) {
  return source == ThemeSource::kSurvey ? "survey" : "writeups";
}

// "Release anxiety!" -> "release_anxiety_".
std::string LabelFor(absl::string_view name) {
  std::string label;
  for (char c : name) {
    const unsigned char u = static_cast<unsigned char>(c);
    label.push_back(absl::ascii_isalnum(u) ? absl::ascii_tolower(u) : '_');
  }
  return absl::StrCat("org_", label);
}

ThemeConfig* FindBuiltin(ThemeCatalog& themes, std::size_t builtins,
                         absl::string_view name, ThemeSource source) {
  for (std::size_t i = 0; i < builtins; ++i) {
    if (themes[i].name == name && themes[i].source == source) return &themes[i];
  }
  return nullptr;
}

std::string BuiltinNames(ThemeSource source) {
  std::vector<std::string> names;
  for (const ThemeConfig& theme : *DefaultThemes()) {
    if (theme.source == source)
      names.push_back(absl::StrCat("\"", theme.name, "\""));
  }
  return absl::StrJoin(names, ", ");
}

void ReadTheme(const YAML::Node& node, const std::string& field,
               std::size_t builtins, ThemeCatalog& themes, Problems& problems) {
  if (!node.IsMap()) {
    problems.Add(
        node, field,
        "must be a map with name, and builtin or boundary and examples");
    return;
  }
  CheckKeys(node, field + ".",
            {"builtin", "name", "source", "boundary", "examples"}, problems);
  ThemeConfig read;
  if (const YAML::Node source = node["source"]) {
    std::string value;
    if (ReadString(source, field + ".source", value, problems)) {
      if (value == "survey") {
        read.source = ThemeSource::kSurvey;
      } else if (value == "writeups") {
        read.source = ThemeSource::kWriteup;
      } else {
        problems.Add(
            source, field + ".source",
            absl::StrFormat("\"%s\" is not survey or writeups", value));
      }
    }
  }
  if (const YAML::Node name = node["name"]) {
    ReadString(name, field + ".name", read.name, problems);
    if (read.name.empty() || read.name.size() > 64) {
      problems.Add(name, field + ".name", "must be 1 to 64 characters");
    }
  }
  if (const YAML::Node examples = node["examples"]) {
    ReadStringList(examples, field + ".examples", "sentences", read.examples,
                   problems);
    for (std::size_t i = 0; i < read.examples.size(); ++i) {
      if (absl::StripAsciiWhitespace(read.examples[i]).empty()) {
        problems.Add(examples[i], absl::StrFormat("%s.examples[%d]", field, i),
                     "is empty");
      }
    }
  }
  if (const YAML::Node builtin = node["builtin"]) {
    std::string name;
    if (!ReadString(builtin, field + ".builtin", name, problems)) return;
    ThemeConfig* theme = FindBuiltin(themes, builtins, name, read.source);
    if (theme == nullptr) {
      problems.Add(builtin, field + ".builtin",
                   absl::StrFormat("no built-in %s theme \"%s\" (there are %s)",
                                   SourceName(read.source), name,
                                   BuiltinNames(read.source)));
      return;
    }
    if (node["boundary"]) {
      problems.Add(node["boundary"], field + ".boundary",
                   "a built-in theme keeps its boundary");
    }
    if (!read.name.empty()) theme->name = read.name;
    theme->examples.insert(theme->examples.end(), read.examples.begin(),
                           read.examples.end());
    return;
  }
  if (!node["name"]) {
    problems.Add(node, field + ".name",
                 "is required: what narratives call the theme (or builtin: to "
                 "rename a built-in one)");
  }
  const YAML::Node boundary = node["boundary"];
  if (!boundary) {
    problems.Add(node, field + ".boundary",
                 "is required for a theme of its own: workload, economic or "
                 "safety");
  } else if (ReadString(boundary, field + ".boundary", read.boundary,
                        problems) &&
             read.boundary != "workload" && read.boundary != "economic" &&
             read.boundary != "safety") {
    problems.Add(boundary, field + ".boundary",
                 absl::StrFormat("\"%s\" is not workload, economic or safety",
                                 read.boundary));
  }
  absl::flat_hash_set<std::string> distinct(read.examples.begin(),
                                            read.examples.end());
  if (static_cast<int>(distinct.size()) < kMinThemeExamples) {
    problems.Add(node["examples"] ? node["examples"] : node,
                 field + ".examples",
                 absl::StrFormat(
                     "a theme of its own needs at least %d different example "
                     "sentences to be learnt from (has %d)",
                     kMinThemeExamples, distinct.size()));
  }
  read.label = LabelFor(read.name);
  themes.push_back(std::move(read));
}

}  // namespace

const std::shared_ptr<const ThemeCatalog>& DefaultThemes() {
  static const auto* themes = new std::shared_ptr<const ThemeCatalog>(
      std::make_shared<const ThemeCatalog>(ThemeCatalog{
          {"time_pressure", "time pressure", "workload"},
          {"missing_shared_context", "missing shared context", "safety"},
          {"tooling_friction", "tooling friction", "workload"},
          {"oncall_fatigue", "on-call fatigue", "workload"},
          {"intent_to_leave", "intent to leave", "workload"},
          {"low_psychological_safety", "low psychological safety", "safety"},
          {"missing_shared_context", "missing shared context", "safety",
           ThemeSource::kWriteup},
          {"surprising_interaction", "surprising interaction between parts",
           "safety", ThemeSource::kWriteup},
          {"confusing_interface", "confusing tooling or operator interface",
           "safety", ThemeSource::kWriteup},
          {"expert_caught_early", "an expert caught it early", "safety",
           ThemeSource::kWriteup},
          {"change_under_time_pressure", "change under time pressure",
           "economic", ThemeSource::kWriteup},
      }));
  return *themes;
}

void ReadThemesSection(const YAML::Node& root, Config& config,
                       Problems& problems) {
  const YAML::Node node = root["themes"];
  if (!node) return;
  if (!node.IsSequence()) {
    problems.Add(node, "themes", "must be a list of themes");
    return;
  }
  ThemeCatalog themes = *DefaultThemes();
  const std::size_t builtins = themes.size();
  for (std::size_t i = 0; i < node.size(); ++i) {
    ReadTheme(node[i], absl::StrFormat("themes[%d]", i), builtins, themes,
              problems);
  }
  for (const ThemeSource source :
       {ThemeSource::kSurvey, ThemeSource::kWriteup}) {
    absl::flat_hash_set<std::string> names;
    int count = 0;
    for (const ThemeConfig& theme : themes) {
      if (theme.source != source) continue;
      ++count;
      if (!names.insert(theme.name).second) {
        problems.Add(node, "themes",
                     absl::StrFormat("two %s themes are called \"%s\"",
                                     SourceName(source), theme.name));
      }
    }
    if (count > kMaxThemesPerSource) {
      problems.Add(
          node, "themes",
          absl::StrFormat("at most %d %s themes (there are %d)",
                          kMaxThemesPerSource, SourceName(source), count));
    }
  }
  config.themes = std::make_shared<const ThemeCatalog>(std::move(themes));
}

}  // namespace teamload::config
