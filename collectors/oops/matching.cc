#include "collectors/oops/matching.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace teamload::collectors::oops {
namespace {

// Words too common in near-miss reports to tell two of them apart.
bool Common(absl::string_view word) {
  static const auto* common = new absl::flat_hash_set<std::string>{
      "the",  "and",  "for",  "with", "was",  "were",  "that", "this",
      "from", "into", "our",  "but",  "not",  "have",  "had",  "has",
      "you",  "are",  "oops", "near", "miss", "almost"};
  return common->contains(word);
}

absl::flat_hash_set<std::string> Words(absl::string_view text) {
  absl::flat_hash_set<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (word.size() >= 3 && !Common(word)) words.insert(word);
    word.clear();
  };
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    // Bytes of non-ASCII UTF-8 characters count as letters.
    if (absl::ascii_isalnum(u) || u >= 0x80) {
      word += absl::ascii_tolower(u);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

std::string Key(absl::string_view channel, absl::string_view ts) {
  return absl::StrCat(channel, ":", ts);
}

}  // namespace

int SharedWords(absl::string_view a, absl::string_view b) {
  const absl::flat_hash_set<std::string> left = Words(a), right = Words(b);
  int shared = 0;
  for (const std::string& w : left) shared += right.contains(w);
  return shared;
}

std::vector<WriteUpMatch> MatchWriteUps(
    const std::vector<Mention>& mentions,
    const std::vector<std::string>& mention_teams,
    const std::vector<WriteUp>& writeups,
    const std::vector<std::string>& writeup_teams,
    const std::vector<Channel>& channels, absl::Duration grace) {
  std::vector<WriteUpMatch> matches(writeups.size());
  absl::flat_hash_map<std::string, std::string> names;  // id -> name
  for (const Channel& c : channels) names.try_emplace(c.id, c.name);
  absl::flat_hash_map<std::string, int> mention_by_key;
  for (int m = 0; m < static_cast<int>(mentions.size()); ++m)
    mention_by_key.try_emplace(Key(mentions[m].channel, mentions[m].ts), m);

  // Write-ups visited in a fixed order, whatever order the files came in.
  std::vector<int> order(writeups.size());
  std::iota(order.begin(), order.end(), 0);
  const auto by = [&](absl::Time WriteUp::*when) {
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return std::tie(writeups[a].*when, writeups[a].key) <
             std::tie(writeups[b].*when, writeups[b].key);
    });
  };

  // 1. Explicit references, the first written up first.
  absl::flat_hash_map<std::string, int> claimed;  // mention key -> write-up
  by(&WriteUp::written_up);
  for (int w : order) {
    const WriteUp& writeup = writeups[w];
    if (writeup_teams[w].empty() || writeup.slack.empty()) continue;
    WriteUpMatch& match = matches[w];
    const auto error = [&](std::string why) {
      match.error = RecordError{
          absl::StrFormat("%s:%d", writeup.file, writeup.slack_line),
          absl::StrCat("slack: ", why)};
    };
    absl::StatusOr<SlackRef> ref = ParseSlackRef(writeup.slack);
    if (!ref.ok()) {
      error(std::string(ref.status().message()));
      continue;
    }
    std::string channel = ref->channel;
    if (ref->channel_is_id) {
      auto it = names.find(ref->channel);
      if (it == names.end()) {
        error(absl::StrFormat(
            "the permalink's channel %s is in no channels.json read; add the "
            "export's channels.json or write <channel name>/%s",
            ref->channel, ref->ts));
        continue;
      }
      channel = it->second;
    }
    match.by = MatchedBy::kSlackReference;
    match.mention_key = Key(channel, ref->ts);
    if (auto it = mention_by_key.find(match.mention_key);
        it != mention_by_key.end())
      match.mention = it->second;
    auto [first, inserted] = claimed.try_emplace(match.mention_key, w);
    if (!inserted) match.first_writeup = first->second;
  }

  // 2. The rest by team, date and title, in the order of their dates.
  by(&WriteUp::date);
  for (int w : order) {
    const WriteUp& writeup = writeups[w];
    if (writeup_teams[w].empty() || !writeup.slack.empty()) continue;
    int best = -1, best_words = 0;
    absl::Duration best_distance;
    for (int m = 0; m < static_cast<int>(mentions.size()); ++m) {
      const Mention& mention = mentions[m];
      if (mention_teams[m] != writeup_teams[w] ||
          writeup.date < mention.posted_at - kDateBeforeMention ||
          writeup.date > mention.posted_at + grace ||
          claimed.contains(Key(mention.channel, mention.ts))) {
        continue;
      }
      const int words = SharedWords(writeup.title, mention.text);
      const absl::Duration distance =
          absl::AbsDuration(writeup.date - mention.posted_at);
      const auto rank = [&](int i, int n, absl::Duration d) {
        return std::make_tuple(-n, d, mentions[i].posted_at,
                               mentions[i].channel, mentions[i].ts);
      };
      if (words > 0 &&
          (best < 0 ||
           rank(m, words, distance) < rank(best, best_words, best_distance))) {
        best = m;
        best_words = words;
        best_distance = distance;
      }
    }
    if (best < 0) continue;
    WriteUpMatch& match = matches[w];
    match.by = MatchedBy::kTeamDateAndTitle;
    match.mention = best;
    match.mention_key = Key(mentions[best].channel, mentions[best].ts);
    claimed.emplace(match.mention_key, w);
  }
  return matches;
}

}  // namespace teamload::collectors::oops
