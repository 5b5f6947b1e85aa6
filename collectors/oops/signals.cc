#include "collectors/oops/signals.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "client/signal_builders.h"
#include "collectors/oops/matching.h"

namespace teamload::collectors::oops {
namespace {

constexpr std::size_t kMaxTitleBytes = 120;
constexpr std::size_t kMaxSummaryBytes = 2000;

teamload::v1::Signal SlackSignal(absl::string_view mention_key,
                                 absl::string_view team, absl::Time posted_at) {
  teamload::v1::Signal signal = client::NewSignal("oops", "", team, posted_at);
  signal.set_id(absl::StrCat("slack:", mention_key));
  return signal;
}

void SetWrittenUp(const WriteUp& writeup, teamload::v1::Oops& oops) {
  oops.set_title(writeup.title);
  if (!writeup.summary.empty()) oops.set_summary(writeup.summary);
  *oops.mutable_written_up_at() = client::ToTimestamp(writeup.written_up);
  oops.set_writeup_url(writeup.url.empty() ? writeup.key : writeup.url);
}

}  // namespace

OopsSignals BuildSignals(const std::vector<Mention>& mentions,
                         const std::vector<WriteUp>& writeups,
                         const std::vector<Channel>& channels,
                         const TeamMapping& mapping, absl::Duration grace,
                         absl::Time as_of) {
  OopsSignals out;
  std::vector<std::string> mention_teams, writeup_teams;
  for (const Mention& m : mentions) {
    mention_teams.push_back(
        mapping.TeamFor("oops", "channels", m.channel).value_or(""));
  }
  for (const WriteUp& w : writeups) {
    std::optional<std::string> team = mapping.TeamFor("oops", "teams", w.team);
    if (!team) {
      out.unmapped.push_back(absl::StrFormat(
          "write-up %s (team \"%s\" is not in the mapping's oops.teams)",
          w.file, w.team));
      ++out.unmapped_records;
    }
    writeup_teams.push_back(team.value_or(""));
  }
  const std::vector<WriteUpMatch> matches = MatchWriteUps(
      mentions, mention_teams, writeups, writeup_teams, channels, grace);

  std::vector<int> writeup_of(mentions.size(), -1);
  for (std::size_t w = 0; w < writeups.size(); ++w) {
    const WriteUp& writeup = writeups[w];
    const WriteUpMatch& match = matches[w];
    if (match.error) {
      out.errors.push_back(*match.error);
      continue;
    }
    if (match.first_writeup >= 0) {
      out.notes.push_back(absl::StrFormat(
          "%s writes up slack:%s, already written up by %s: not counted again",
          writeup.file, match.mention_key, writeups[match.first_writeup].file));
      continue;
    }
    if (match.by == MatchedBy::kNothing) {
      if (writeup_teams[w].empty()) continue;
      teamload::v1::Signal signal = client::NewSignal(
          "oops", writeup.key, writeup_teams[w], writeup.date);
      SetWrittenUp(writeup, *signal.mutable_oops());
      out.signals.push_back(std::move(signal));
      ++out.writeups_alone;
      continue;
    }
    ++(match.by == MatchedBy::kSlackReference ? out.by_reference
                                              : out.by_team_date_and_title);
    if (match.mention >= 0) {
      writeup_of[match.mention] = static_cast<int>(w);
      continue;
    }
    // Its mention is not in the export read: the reference's ts says when
    // it was posted, so the signal is the same one the export would give.
    const std::string ts =
        match.mention_key.substr(match.mention_key.rfind(':') + 1);
    teamload::v1::Signal signal =
        SlackSignal(match.mention_key, writeup_teams[w], *ParseSlackTs(ts));
    SetWrittenUp(writeup, *signal.mutable_oops());
    out.signals.push_back(std::move(signal));
  }

  std::map<std::string, int64_t> unmapped_channels;
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    const Mention& mention = mentions[m];
    const int w = writeup_of[m];
    const std::string& team = w >= 0 ? writeup_teams[w] : mention_teams[m];
    if (team.empty()) {
      ++unmapped_channels[mention.channel];
      continue;
    }
    teamload::v1::Signal signal =
        SlackSignal(absl::StrCat(mention.channel, ":", mention.ts), team,
                    mention.posted_at);
    teamload::v1::Oops& oops = *signal.mutable_oops();
    const std::string text = PlainText(mention.text);
    oops.set_summary(Shorten(text, kMaxSummaryBytes));
    if (w >= 0) {
      SetWrittenUp(writeups[w], oops);
    } else {
      oops.set_title(Shorten(text.substr(0, text.find('\n')), kMaxTitleBytes));
      ++out.unwritten;
      out.unwritten_past_grace += mention.posted_at <= as_of - grace;
    }
    out.signals.push_back(std::move(signal));
  }
  for (const auto& [channel, count] : unmapped_channels) {
    out.unmapped.push_back(absl::StrFormat(
        "%d %s in #%s (the channel is not in the mapping's oops.channels)",
        count, count == 1 ? "mention" : "mentions", channel));
    out.unmapped_records += count;
  }
  std::sort(out.signals.begin(), out.signals.end(),
            [](const auto& a, const auto& b) { return a.id() < b.id(); });
  return out;
}

}  // namespace teamload::collectors::oops
