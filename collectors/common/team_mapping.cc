#include "collectors/common/team_mapping.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "yaml-cpp/yaml.h"

namespace teamload::collectors {
namespace {

// The object kinds each source's mapping knows.
const std::vector<std::pair<std::string, std::vector<std::string>>>& Kinds() {
  static const auto* kinds =
      new std::vector<std::pair<std::string, std::vector<std::string>>>{
          {"pagerduty", {"services", "escalation_policies", "teams"}},
          {"opsgenie", {"teams", "tags", "integrations"}},
          {"jira", {"projects", "components", "labels"}},
          {"github", {"repositories", "labels"}},
          {"oops", {"teams", "channels"}},
          {"survey", {"teams"}},
          {"migrations", {"teams"}},
      };
  return *kinds;
}

std::string Where(absl::string_view file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? std::string(file)
                        : absl::StrFormat("%s:%d:%d", file, mark.line + 1,
                                          mark.column + 1);
}

}  // namespace

absl::StatusOr<TeamMapping> TeamMapping::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    return absl::NotFoundError(
        absl::StrCat(path, ": cannot read the team mapping"));
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

absl::StatusOr<TeamMapping> TeamMapping::Parse(absl::string_view yaml,
                                               absl::string_view file) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return absl::InvalidArgumentError(
        absl::StrFormat("%s:%d:%d: not valid YAML: %s", file, e.mark.line + 1,
                        e.mark.column + 1, e.msg));
  }
  const auto invalid = [&](const YAML::Node& at, const std::string& what) {
    return absl::InvalidArgumentError(
        absl::StrCat(Where(file, at), ": ", what));
  };
  if (!root.IsMap() || !root["teams"] || !root["teams"].IsMap()) {
    return invalid(root,
                   "expected a map with `teams:`, each team a map of sources");
  }
  TeamMapping mapping;
  mapping.file_ = std::string(file);
  for (const auto& team_entry : root["teams"]) {
    const std::string team = team_entry.first.as<std::string>();
    if (!team_entry.second.IsMap())
      return invalid(
          team_entry.second,
          absl::StrCat("teams.", team, ": must be a map of sources"));
    for (const auto& source_entry : team_entry.second) {
      const std::string source = source_entry.first.as<std::string>();
      const std::string field = absl::StrCat("teams.", team, ".", source);
      const auto known =
          std::find_if(Kinds().begin(), Kinds().end(),
                       [&](const auto& k) { return k.first == source; });
      if (known == Kinds().end()) {
        std::vector<std::string> sources;
        for (const auto& k : Kinds()) sources.push_back(k.first);
        return invalid(
            source_entry.first,
            absl::StrFormat("%s: unknown source (expected one of: %s)", field,
                            absl::StrJoin(sources, ", ")));
      }
      if (!source_entry.second.IsMap())
        return invalid(source_entry.second, field + ": must be a map");
      for (const auto& kind_entry : source_entry.second) {
        const std::string kind = kind_entry.first.as<std::string>();
        if (std::find(known->second.begin(), known->second.end(), kind) ==
            known->second.end()) {
          return invalid(
              kind_entry.first,
              absl::StrFormat("%s.%s: unknown key (expected one of: %s)", field,
                              kind, absl::StrJoin(known->second, ", ")));
        }
        if (!kind_entry.second.IsSequence()) {
          return invalid(
              kind_entry.second,
              absl::StrCat(field, ".", kind, ": must be a list of ids"));
        }
        for (const auto& id_node : kind_entry.second) {
          const std::string id = id_node.as<std::string>();
          mapping.teams_by_source_[source].insert(team);
          auto [it, inserted] = mapping.owners_.try_emplace(
              absl::StrCat(source, "/", kind, "/", id), team);
          if (!inserted && it->second != team) {
            return invalid(
                id_node,
                absl::StrFormat("%s.%s: %s is already mapped to team \"%s\"",
                                field, kind, id, it->second));
          }
        }
      }
    }
  }
  return mapping;
}

std::optional<std::string> TeamMapping::TeamFor(absl::string_view source,
                                                absl::string_view kind,
                                                absl::string_view id) const {
  auto it = owners_.find(absl::StrCat(source, "/", kind, "/", id));
  if (it == owners_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> TeamMapping::TeamsOf(absl::string_view source) const {
  auto it = teams_by_source_.find(source);
  if (it == teams_by_source_.end()) return {};
  return {it->second.begin(), it->second.end()};
}

}  // namespace teamload::collectors
