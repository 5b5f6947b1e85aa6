// ChartNotes: the annotations of a chart's weeks in the words the chart
// shows them: numbered oldest first across the weeks, one flag per annotated
// week (its label and its title, the tooltip) and the caption's lines
// beneath. The wording and the shortening live here, the geometry in
// charts.cc.
//
// Text from outside is shown (text::ShowControls) and then shortened by
// characters, so a control character counts as the escape a person sees;
// the strings are not XML-escaped yet (XmlWriter does that). Pure functions,
// thread-safe, deterministic.
#ifndef TEAMLOAD_DAEMON_REPORTS_CHART_NOTES_H_
#define TEAMLOAD_DAEMON_REPORTS_CHART_NOTES_H_

#include <cstddef>
#include <string>
#include <vector>

#include "daemon/reports/charts.h"

namespace teamload::reports {

// A flag's title quotes at most this many of its week's notes.
inline constexpr std::size_t kMaxNotesInFlag = 5;
// The caption quotes at most this many notes, the newest.
inline constexpr std::size_t kMaxCaptionNotes = 6;
// Characters of a note's text and author: in a title, on a caption line.
inline constexpr std::size_t kTitleTextCharacters = 200;
inline constexpr std::size_t kCaptionTextCharacters = 56;
inline constexpr std::size_t kAuthorCharacters = 24;

// The flag over one annotated week.
struct NoteFlag {
  std::size_t week = 0;  // index into the chart's weeks
  std::string label;     // "3", or "3–5" for a week of three notes
  // "W46, note 3 (context, not evidence): 2026-11-12 — text (author)", or
  // for several "W46, notes 3–5 (context, not evidence): 2026-11-10 — text
  // (author); 2026-11-12 — ...; and 2 more".
  std::string title;
};

// One note quoted beneath the chart.
struct CaptionLine {
  std::string number;  // "3"
  std::string text;    // "2026-11-12 — text (author)", shortened
};

struct ChartNotes {
  int count = 0;                   // notes in all the weeks
  std::vector<NoteFlag> flags;     // oldest week first
  std::vector<CaptionLine> lines;  // oldest first, the newest kMaxCaptionNotes
  // "" when every note has its line; else "Notes 1–4, older, are in their
  // flags' titles." (a flag quotes the notes without a line first), or,
  // when a week has more older notes than its flag quotes, "Notes 1–8 are
  // older; their flags' titles quote 5 of them."
  std::string older;
};

// `week_labels[i]` names `weeks[i]` ("W46").
// REQUIRES: week_labels.size() == weeks.size().
ChartNotes NotesOfWeeks(const std::vector<WeekPoint>& weeks,
                        const std::vector<std::string>& week_labels);

// What a screen reader hears of the notes: "Notes (context, not evidence):
// 1, 2026-11-10 — text (author); 2, ... ." and `older`; "" without notes.
std::string NotesSentence(const ChartNotes& notes);

}  // namespace teamload::reports

#endif  // TEAMLOAD_DAEMON_REPORTS_CHART_NOTES_H_
