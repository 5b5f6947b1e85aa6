#include "daemon/reports/chart_notes.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/civil_time.h"
#include "text/abbreviate.h"
#include "text/controls.h"

namespace teamload::reports {
namespace {

// "3", or "3–5".
std::string Numbers(int first, int last) {
  if (first == last) return absl::StrCat(first);
  return absl::StrCat(first, "–", last);
}

// `text` as a person sees it, in at most `characters` characters.
std::string Shown(absl::string_view text, std::size_t characters) {
  return text::Shortened(text::ShowControls(text), characters);
}

// "2026-11-12 — text (author)".
std::string NoteText(const WeekNote& note, std::size_t text_characters) {
  return absl::StrCat(absl::FormatCivilTime(note.day), " — ",
                      Shown(note.text, text_characters), " (",
                      Shown(note.author, kAuthorCharacters), ")");
}

// The flag over `notes`, numbered from `first`. Its title quotes at most
// kMaxNotesInFlag of them, those without a caption line (numbered before
// `first_line`) first, so a note is shown somewhere whenever it can be;
// `unquoted_older` counts the older notes it could not quote.
NoteFlag FlagOf(std::size_t week, const std::vector<WeekNote>& notes, int first,
                int first_line, const std::string& week_label,
                int& unquoted_older) {
  const int last = first + static_cast<int>(notes.size()) - 1;
  NoteFlag flag{.week = week, .label = Numbers(first, last)};
  std::vector<std::size_t> order(notes.size());
  for (std::size_t i = 0; i < notes.size(); ++i) order[i] = i;
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) {
    return first + static_cast<int>(i) < first_line;
  });
  if (order.size() > kMaxNotesInFlag) {
    for (std::size_t k = kMaxNotesInFlag; k < order.size(); ++k) {
      if (first + static_cast<int>(order[k]) < first_line) ++unquoted_older;
    }
    order.resize(kMaxNotesInFlag);
  }
  std::sort(order.begin(), order.end());
  std::vector<std::string> quoted;
  for (std::size_t i : order) {
    quoted.push_back(NoteText(notes[i], kTitleTextCharacters));
  }
  if (notes.size() > kMaxNotesInFlag) {
    quoted.push_back(
        absl::StrCat("and ", notes.size() - kMaxNotesInFlag, " more"));
  }
  flag.title = absl::StrCat(
      week_label, first == last ? ", note " : ", notes ", flag.label,
      " (context, not evidence): ", absl::StrJoin(quoted, "; "));
  return flag;
}

}  // namespace

ChartNotes NotesOfWeeks(const std::vector<WeekPoint>& weeks,
                        const std::vector<std::string>& week_labels) {
  ChartNotes notes;
  for (const WeekPoint& week : weeks) {
    notes.count += static_cast<int>(week.notes.size());
  }
  const int first_line =
      std::max(1, notes.count - static_cast<int>(kMaxCaptionNotes) + 1);
  int number = 1;
  int unquoted_older = 0;
  for (std::size_t i = 0; i < weeks.size(); ++i) {
    const std::vector<WeekNote>& week_notes = weeks[i].notes;
    if (week_notes.empty()) continue;
    notes.flags.push_back(FlagOf(i, week_notes, number, first_line,
                                 week_labels[i], unquoted_older));
    for (const WeekNote& note : week_notes) {
      if (number >= first_line) {
        notes.lines.push_back({.number = absl::StrCat(number),
                               .text = NoteText(note, kCaptionTextCharacters)});
      }
      ++number;
    }
  }
  if (first_line == 2) {
    notes.older = "Note 1, older, is in its flag's title.";
  } else if (first_line > 2 && unquoted_older == 0) {
    notes.older = absl::StrCat("Notes ", Numbers(1, first_line - 1),
                               ", older, are in their flags' titles.");
  } else if (first_line > 2) {
    notes.older = absl::StrCat("Notes ", Numbers(1, first_line - 1),
                               " are older; their flags' titles quote ",
                               first_line - 1 - unquoted_older, " of them.");
  }
  return notes;
}

std::string NotesSentence(const ChartNotes& notes) {
  if (notes.lines.empty()) return "";
  std::vector<std::string> lines;
  for (const CaptionLine& line : notes.lines) {
    lines.push_back(absl::StrCat(line.number, ", ", line.text));
  }
  std::string sentence = absl::StrCat(
      "Notes (context, not evidence): ", absl::StrJoin(lines, "; "), ".");
  if (!notes.older.empty()) absl::StrAppend(&sentence, " ", notes.older);
  return sentence;
}

}  // namespace teamload::reports
