#include "daemon/reports/chart_notes.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::reports {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

WeekNote Note(std::string text, std::string author = "Ana") {
  return {.day = absl::CivilDay(2026, 11, 10),
          .text = std::move(text),
          .author = std::move(author)};
}

// Three weeks, W44 to W46.
const std::vector<std::string> kLabels = {"W44", "W45", "W46"};

TEST(NotesOfWeeksTest, NoNotesNoFlagsNoCaption) {
  const ChartNotes notes = NotesOfWeeks(std::vector<WeekPoint>(3), kLabels);
  EXPECT_EQ(notes.count, 0);
  EXPECT_THAT(notes.flags, IsEmpty());
  EXPECT_THAT(notes.lines, IsEmpty());
  EXPECT_EQ(notes.older, "");
  EXPECT_EQ(NotesSentence(notes), "");
}

TEST(NotesOfWeeksTest, NumbersOldestFirstAcrossTheWeeks) {
  std::vector<WeekPoint> weeks(3);
  weeks[0].notes = {Note("offsite")};
  weeks[2].notes = {Note("reorg"), Note("launch", "Ben")};
  const ChartNotes notes = NotesOfWeeks(weeks, kLabels);
  EXPECT_EQ(notes.count, 3);
  ASSERT_EQ(notes.flags.size(), 2u);
  EXPECT_EQ(notes.flags[0].week, 0u);
  EXPECT_EQ(notes.flags[0].label, "1");
  EXPECT_EQ(notes.flags[0].title,
            "W44, note 1 (context, not evidence): 2026-11-10 — offsite (Ana)");
  EXPECT_EQ(notes.flags[1].week, 2u);
  EXPECT_EQ(notes.flags[1].label, "2–3");
  EXPECT_EQ(notes.flags[1].title,
            "W46, notes 2–3 (context, not evidence): 2026-11-10 — reorg "
            "(Ana); 2026-11-10 — launch (Ben)");
  std::vector<std::string> lines;
  for (const CaptionLine& line : notes.lines) {
    lines.push_back(absl::StrCat(line.number, " ", line.text));
  }
  EXPECT_THAT(lines, ElementsAre("1 2026-11-10 — offsite (Ana)",
                                 "2 2026-11-10 — reorg (Ana)",
                                 "3 2026-11-10 — launch (Ben)"));
  EXPECT_EQ(notes.older, "");
  EXPECT_EQ(NotesSentence(notes),
            "Notes (context, not evidence): 1, 2026-11-10 — offsite (Ana); 2, "
            "2026-11-10 — reorg (Ana); 3, 2026-11-10 — launch (Ben).");
}

TEST(NotesOfWeeksTest, AFlagQuotesAtMostFiveAndCountsTheRest) {
  std::vector<WeekPoint> weeks(3);
  for (int i = 1; i <= 8; ++i) weeks[1].notes.push_back(Note(absl::StrCat(i)));
  const ChartNotes notes = NotesOfWeeks(weeks, kLabels);
  ASSERT_EQ(notes.flags.size(), 1u);
  EXPECT_EQ(notes.flags[0].label, "1–8");
  EXPECT_EQ(notes.flags[0].title,
            "W45, notes 1–8 (context, not evidence): 2026-11-10 — 1 (Ana); "
            "2026-11-10 — 2 (Ana); 2026-11-10 — 3 (Ana); 2026-11-10 — 4 "
            "(Ana); 2026-11-10 — 5 (Ana); and 3 more");
  // The caption keeps the newest six.
  ASSERT_EQ(notes.lines.size(), kMaxCaptionNotes);
  EXPECT_EQ(notes.lines.front().number, "3");
  EXPECT_EQ(notes.lines.back().number, "8");
  EXPECT_EQ(notes.older, "Notes 1–2, older, are in their flags' titles.");
  EXPECT_THAT(NotesSentence(notes),
              ::testing::EndsWith(
                  "8, 2026-11-10 — 8 (Ana). Notes 1–2, older, are in their "
                  "flags' titles."));
}

TEST(NotesOfWeeksTest, AFlagQuotesTheNotesTheCaptionLeavesOutFirst) {
  std::vector<WeekPoint> weeks(3);
  for (int i = 1; i <= 6; ++i) weeks[1].notes.push_back(Note(absl::StrCat(i)));
  for (int i = 7; i <= 9; ++i) weeks[2].notes.push_back(Note(absl::StrCat(i)));
  const ChartNotes notes = NotesOfWeeks(weeks, kLabels);
  ASSERT_EQ(notes.flags.size(), 2u);
  // The caption has 4 to 9; the flag over notes 1 to 6 quotes 1 to 3 first.
  EXPECT_EQ(notes.flags[0].title,
            "W45, notes 1–6 (context, not evidence): 2026-11-10 — 1 (Ana); "
            "2026-11-10 — 2 (Ana); 2026-11-10 — 3 (Ana); 2026-11-10 — 4 "
            "(Ana); 2026-11-10 — 5 (Ana); and 1 more");
  EXPECT_EQ(notes.older, "Notes 1–3, older, are in their flags' titles.");
}

TEST(NotesOfWeeksTest, OlderNotesNoFlagCanQuoteAreNotClaimed) {
  std::vector<WeekPoint> weeks(3);
  for (int i = 1; i <= 8; ++i) weeks[1].notes.push_back(Note(absl::StrCat(i)));
  for (int i = 9; i <= 14; ++i) weeks[2].notes.push_back(Note(absl::StrCat(i)));
  const ChartNotes notes = NotesOfWeeks(weeks, kLabels);
  EXPECT_EQ(notes.lines.front().number, "9");
  EXPECT_EQ(notes.older,
            "Notes 1–8 are older; their flags' titles quote 5 of them.");
}

TEST(NotesOfWeeksTest, OneOlderNoteIsNamedAlone) {
  std::vector<WeekPoint> weeks(3);
  for (int i = 1; i <= 7; ++i) weeks[2].notes.push_back(Note("n"));
  EXPECT_EQ(NotesOfWeeks(weeks, kLabels).older,
            "Note 1, older, is in its flag's title.");
}

TEST(NotesOfWeeksTest, ControlsAreShownBeforeShortening) {
  std::vector<WeekPoint> weeks(3);
  // 60 escape characters: shown as 240 characters ("\x1b" each), so the
  // caption's 55 before the ellipsis are 13 whole escapes and a part.
  weeks[0].notes = {Note(std::string(60, '\x1b'), "\u202eBen")};
  const ChartNotes notes = NotesOfWeeks(weeks, kLabels);
  std::string shown;
  for (int i = 0; i < 13; ++i) shown += "\\x1b";
  EXPECT_EQ(notes.lines[0].text,
            absl::StrCat("2026-11-10 — ", shown, "\\x1…", " (\\u202eBen)"));
}

}  // namespace
}  // namespace teamload::reports
