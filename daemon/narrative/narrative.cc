#include "daemon/narrative/narrative.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "daemon/narrative/markdown.h"
#include "daemon/narrative/questions.h"
#include "google/protobuf/util/time_util.h"

namespace teamload::narrative {
namespace {

using teamload::v1::Finding;

bool UnderPressure(const Finding& f) {
  return f.level() >= teamload::v1::LEVEL_WATCH;
}

std::string Capitalized(std::string s) {
  if (!s.empty()) s[0] = absl::ascii_toupper(static_cast<unsigned char>(s[0]));
  return s;
}

// "a", "a and b", "a, b and c"
std::string JoinAnd(const std::vector<std::string>& parts) {
  if (parts.size() <= 1) return parts.empty() ? "" : parts[0];
  return absl::StrCat(absl::StrJoin(parts.begin(), parts.end() - 1, ", "),
                      " and ", parts.back());
}

std::string Headline(const std::vector<Finding>& findings,
                     const std::vector<teamload::v1::BlindSpot>& blind_spots) {
  std::vector<std::string> boundaries, gists;
  std::set<int> seen;
  for (const Finding& f : findings) {  // already ordered strongest first
    if (!UnderPressure(f) || !seen.insert(f.boundary()).second) continue;
    boundaries.push_back(BoundaryName(f.boundary()));
    gists.push_back(f.gist());
  }
  std::set<std::string> sources;
  for (const auto& spot : blind_spots) sources.insert(spot.source());
  std::vector<std::string> blind;
  for (const auto& spot : blind_spots) {
    // Not seeing "survey" says "survey answers" (withheld ones) already.
    absl::string_view source = spot.source();
    if (absl::ConsumeSuffix(&source, " answers") &&
        sources.contains(std::string(source))) {
      continue;
    }
    blind.push_back(spot.source());
  }
  const std::string cannot_see =
      blind.empty() ? "" : absl::StrCat("we cannot see ", JoinAnd(blind));

  if (boundaries.empty()) {
    const auto first =
        std::find_if(findings.begin(), findings.end(),
                     [](const Finding& f) { return !IsContext(f); });
    const bool recovering = first != findings.end();
    if (recovering && blind.empty()) return Capitalized(first->gist()) + ".";
    if (recovering)
      return absl::StrCat(Capitalized(first->gist()), "; ", cannot_see, ".");
    if (blind.empty()) {
      return "Steady: nothing stands out in pages, oopses, deferred work or "
             "survey answers.";
    }
    return absl::StrCat("Nothing stands out in what we can see, but ",
                        cannot_see, ".");
  }
  std::string headline;
  if (boundaries.size() == 1) {
    headline = absl::StrCat(Capitalized(boundaries[0]),
                            " boundary under pressure: ", gists[0]);
  } else {
    headline = absl::StrCat(Capitalized(JoinAnd(boundaries)),
                            " boundaries under pressure at once: ", gists[0]);
    for (std::size_t i = 1; i < gists.size(); ++i) {
      absl::StrAppend(&headline, i + 1 == gists.size() ? ", while " : ", ",
                      gists[i]);
    }
  }
  if (!cannot_see.empty()) absl::StrAppend(&headline, "; and ", cannot_see);
  return headline + ".";
}

}  // namespace

bool IsContext(const teamload::v1::Finding& finding) {
  // It says what the team's near misses have in common, not that the team
  // is near a boundary.
  return finding.detector() == "writeup_themes";
}

std::string LevelName(teamload::v1::Level level) {
  switch (level) {
    case teamload::v1::LEVEL_ATTENTION:
      return "attention";
    case teamload::v1::LEVEL_WATCH:
      return "watch";
    default:
      return "info";
  }
}

std::string BoundaryName(teamload::v1::Boundary boundary) {
  switch (boundary) {
    case teamload::v1::BOUNDARY_WORKLOAD:
      return "workload";
    case teamload::v1::BOUNDARY_ECONOMIC:
      return "economic";
    case teamload::v1::BOUNDARY_SAFETY:
      return "safety";
    default:
      return "unknown";
  }
}

bool SameStory(const teamload::v1::Narrative& a,
               const teamload::v1::Narrative& b) {
  const auto story = [](teamload::v1::Narrative n) {
    n.clear_as_of();
    n.clear_markdown();
    return n.SerializeAsString();
  };
  return story(a) == story(b);
}

teamload::v1::Level HighestLevel(const teamload::v1::Narrative& narrative) {
  teamload::v1::Level level = teamload::v1::LEVEL_UNSPECIFIED;
  for (const Finding& f : narrative.findings())
    level = std::max(level, f.level());
  return level;
}

teamload::v1::Narrative BuildNarrative(const config::TeamConfig& team,
                                       const analysis::Analysis& analysis,
                                       absl::Time as_of) {
  std::vector<Finding> findings = analysis.findings;
  // Strongest first; then by boundary; detector order breaks ties.
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) {
                     if (a.level() != b.level()) return a.level() > b.level();
                     return a.boundary() < b.boundary();
                   });

  teamload::v1::Narrative narrative;
  narrative.set_team(team.name);
  *narrative.mutable_as_of() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(as_of));
  narrative.set_headline(Headline(findings, analysis.blind_spots));
  for (Finding& f : findings) *narrative.add_findings() = std::move(f);
  for (const auto& spot : analysis.blind_spots)
    *narrative.add_blind_spots() = spot;
  for (std::string& q : Questions(narrative))
    narrative.add_questions(std::move(q));
  if (const auto& d = analysis.delivery) {
    teamload::v1::DeliveryContext& out = *narrative.mutable_delivery();
    out.set_deploys(d->deploys);
    out.set_deploys_before(d->deploys_before);
    out.set_change_failures(d->change_failures);
    out.set_pages(d->pages);
    out.set_pages_before(d->pages_before);
    if (d->median_lead_time) {
      out.mutable_median_lead_time()->set_seconds(
          absl::ToInt64Seconds(*d->median_lead_time));
    }
    out.set_summary(d->sentence);
  }
  for (const model::AnnotationFact& fact : analysis.context) {
    teamload::v1::AnnotationNote& note = *narrative.add_context();
    note.set_id(fact.id);
    *note.mutable_at() =
        google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
            absl::ToUnixNanos(fact.occurred_at));
    note.set_author(fact.author);
    note.set_text(fact.text);
  }
  narrative.set_markdown(RenderMarkdown(team, narrative, analysis.looked_at));
  return narrative;
}

}  // namespace teamload::narrative
