#include "collectors/oops/reader.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace teamload::collectors::oops {

std::vector<RecordError> OopsReader::Read(const InputFile& input,
                                          absl::string_view text) {
  switch (input.kind) {
    case InputFile::Kind::kWriteUp: {
      WriteUp writeup;
      if (auto error = ParseWriteUp(text, input.path, zone_, writeup))
        return {*error};
      writeup.key = input.key_or_channel;
      newest_ = std::max(newest_, writeup.written_up);
      ++records_;
      writeups_.push_back(std::move(writeup));
      return {};
    }
    case InputFile::Kind::kSlackDay: {
      DayResult day = parser_.ParseDay(text, input.key_or_channel, input.path);
      not_mentions_ += day.not_mentions;
      for (Mention& mention : day.mentions) {
        newest_ = std::max(newest_, mention.posted_at);
        ++records_;
        std::string key = absl::StrCat(mention.channel, ":", mention.ts);
        mentions_.insert_or_assign(std::move(key), std::move(mention));
      }
      return day.errors;
    }
    case InputFile::Kind::kSlackChannels: {
      ChannelsResult list = parser_.ParseChannels(text, input.path);
      channels_.insert(channels_.end(), list.channels.begin(),
                       list.channels.end());
      return list.errors;
    }
  }
  return {};
}

std::vector<Mention> OopsReader::mentions() const {
  std::vector<Mention> mentions;
  for (const auto& [key, mention] : mentions_) mentions.push_back(mention);
  return mentions;
}

}  // namespace teamload::collectors::oops
