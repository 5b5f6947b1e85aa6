#include "collectors/survey/respondent_hash.h"

#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::collectors::survey {
namespace {

using ::testing::HasSubstr;

constexpr char kSalt[] = "0123456789abcdef-test-salt";

TEST(RespondentHashTest, IsTheHmacSha256OfTheNormalisedId) {
  const RespondentHasher hasher(kSalt);
  // printf 'ana@example.com' | openssl dgst -sha256 -hmac SALT, first 8 bytes
  EXPECT_EQ(hasher.Hash("ana@example.com"), "0866986af56874fc");
  EXPECT_EQ(hasher.Hash("  Ana@Example.COM\t"), "0866986af56874fc");
  EXPECT_NE(hasher.Hash("bo@example.com"), hasher.Hash("ana@example.com"));
  EXPECT_NE(RespondentHasher("another-salt-of-16+").Hash("ana@example.com"),
            "0866986af56874fc")
      << "another deployment's salt gives other pseudonyms";
}

TEST(RespondentHashTest, ShortDigestIsSha256) {
  // printf 'How sustainable is your workload?' | sha256sum
  EXPECT_EQ(ShortDigest("How sustainable is your workload?"),
            "fc207a4781f6a2d6");
}

TEST(RespondentHashTest, LoadsTheSaltFromTheEnvironmentOrAFile) {
  EXPECT_EQ(*LoadSalt(kSalt, ""), kSalt);
  const std::string file = ::testing::TempDir() + "/salt";
  std::ofstream(file) << "  " << kSalt << "\n";
  EXPECT_EQ(*LoadSalt(nullptr, file), kSalt);
  EXPECT_EQ(*LoadSalt("ignored-when-a-file-is-named", file), kSalt);
}

TEST(RespondentHashTest, RefusesToRunWithoutAGoodSalt) {
  absl::StatusOr<std::string> none = LoadSalt(nullptr, "");
  EXPECT_EQ(none.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(none.status().message(),
              HasSubstr("no salt to hash respondents with: set "
                        "TEAMLOAD_SURVEY_SALT or pass --salt-file FILE"));
  EXPECT_EQ(LoadSalt("", "").status().code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(LoadSalt("short", "").status().message(),
            "TEAMLOAD_SURVEY_SALT: the salt is 5 characters; use at least 16 "
            "(e.g. `openssl rand -hex 32`)");
  EXPECT_EQ(LoadSalt(nullptr, "/nonexistent/salt").status().message(),
            "--salt-file /nonexistent/salt: cannot read it");
}

}  // namespace
}  // namespace teamload::collectors::survey
