#include "client/token.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace teamload::client {
namespace {

TEST(TokenTest, DigestIsLowercaseHexSha256) {
  // sha256("abc"), FIPS 180-2 appendix B.1.
  EXPECT_EQ(TokenDigest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenTest, NewTokensAreLongAndNeverRepeat) {
  absl::StatusOr<std::string> a = NewToken();
  absl::StatusOr<std::string> b = NewToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(absl::StartsWith(*a, "tl_")) << *a;
  EXPECT_EQ(a->size(), 3 + 43);  // 32 bytes, base64url without padding
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->find_first_of("+/="), std::string::npos) << *a;
}

}  // namespace
}  // namespace teamload::client
