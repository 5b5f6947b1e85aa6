#include "daemon/narrative/questions.h"

#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "daemon/analysis/survey_themes.h"

namespace teamload::narrative {
namespace {

using teamload::v1::Finding;

double Figure(const Finding& f, absl::string_view name) {
  for (const auto& figure : f.evidence().figures()) {
    if (figure.name() == name) return figure.value();
  }
  return 0;
}

std::string FirstId(const Finding& f) {
  return f.evidence().signal_ids().empty() ? "" : f.evidence().signal_ids(0);
}

std::string QuestionFor(const Finding& f) {
  const std::string& d = f.detector();
  if (d == "pager_load") {
    if (f.level() == teamload::v1::LEVEL_INFO) {
      return "What helped the interruptions come down, and what would it take "
             "to keep it that way?";
    }
    if (Figure(f, "sleep_hour_interruptions_last_7_days") > 0) {
      return "What woke people up this week, and which of those pages could "
             "have waited "
             "until morning?";
    }
    return "What changed this week that brought more interruptions, and is it "
           "still changing?";
  }
  if (d == "unwritten_oops") {
    if (Figure(f, "unwritten_oopses") == 0) {
      return "Near-miss reports stopped while the pages did not: is there no "
             "time to write "
             "them, or does writing them no longer feel worth it or safe?";
    }
    return absl::StrFormat(
        "What gets in the way of writing up near misses such as %s, and what "
        "would make it "
        "a ten-minute job?",
        FirstId(f));
  }
  if (d == "deferral_drift") {
    if (!FirstId(f).empty()) {
      return absl::StrFormat(
          "What keeps %s from being done, and what would it take to stop "
          "deferring it?",
          FirstId(f));
    }
    return "Which deferred items would hurt most if they slipped another "
           "quarter?";
  }
  if (d == "migration_load") {
    if (Figure(f, "migrations_without_retrospective") > 0) {
      return absl::StrFormat(
          "Nobody has looked back on %s yet: what would make the next "
          "migration easier?",
          FirstId(f));
    }
    if (Figure(f, "overdue_migrations") > 0) {
      return absl::StrFormat(
          "What is holding %s past its planned end, and which migration "
          "could wait until it is done?",
          FirstId(f));
    }
    return "Which of these migrations could wait until another is finished, "
           "and who would decide?";
  }
  if (d == "survey_themes") {
    if (absl::StrContains(f.gist(), "answer the survey")) {
      return "Fewer people answered the survey: do they still believe it leads "
             "to change?";
    }
    if (absl::StrContains(f.gist(), "answers fell")) {
      return "What changed between the last two surveys that made the answers "
             "drop?";
    }
    return absl::StrFormat(
        "Several people raised %s: what does it look like day to day, "
        "and what would help first?",
        f.gist().substr(f.gist().find("raised ") + 7));
  }
  if (d == "writeup_themes") {
    return absl::StrFormat(
        "Recent write-ups keep showing %s: what do those near misses have in "
        "common, and what would change it?",
        f.gist().substr(f.gist().find(" show ") + 6));
  }
  return "";
}

}  // namespace

std::vector<std::string> Questions(const teamload::v1::Narrative& narrative) {
  std::vector<std::string> questions;
  std::set<std::string> asked;
  for (const Finding& f : narrative.findings()) {
    std::string q = QuestionFor(f);
    if (!q.empty() && asked.insert(q).second) questions.push_back(std::move(q));
  }
  for (const auto& spot : narrative.blind_spots()) {
    // A survey too few answered (analysis::WithheldSurveys) is not a source
    // that moved: ask why people did not answer.
    if (spot.source() == analysis::kWithheldSurveySource) {
      questions.push_back(
          "Too few people answered the survey for their answers to be "
          "shown: what would make answering feel safe and worth it?");
      continue;
    }
    questions.push_back(
        absl::StrFormat("Is %s still where this team's work is recorded, or "
                        "has it moved somewhere we cannot "
                        "see?",
                        spot.source()));
  }
  if (questions.empty()) {
    questions.push_back(
        "What is keeping things steady, and what is quietly getting harder "
        "that the signals "
        "would not show?");
  }
  return questions;
}

}  // namespace teamload::narrative
