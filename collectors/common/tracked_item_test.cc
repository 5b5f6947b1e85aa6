#include "collectors/common/tracked_item.h"

#include "gtest/gtest.h"

namespace teamload::collectors {
namespace {

TrackedItem Epic() {
  TrackedItem item;
  item.key = "PLAT-12";
  item.title = "Move to Postgres 16";
  item.labels = {"migration", "retrospective-done"};
  item.created_at = absl::FromUnixSeconds(1'700'000'000);
  item.updated_at = absl::FromUnixSeconds(1'710'000'000);
  return item;
}

std::optional<std::string> Payments() { return "payments"; }

TEST(TrackedItemTest, OnlyADeferredItemIsADeferral) {
  TrackedItem item = Epic();
  EXPECT_FALSE(DeferralSignal("jira", item, Payments).has_value());
  item.times_deferred = 3;
  item.first_deferred_at = absl::FromUnixSeconds(1'705'000'000);
  const auto signal = DeferralSignal("jira", item, Payments);
  ASSERT_TRUE(signal.has_value());
  EXPECT_EQ(signal->id(), "jira:PLAT-12");
  EXPECT_EQ(signal->team(), "payments");
  EXPECT_EQ(signal->deferral().times_deferred(), 3);
  EXPECT_EQ(signal->occurred_at().seconds(), 1'705'000'000);
}

TEST(TrackedItemTest, LookedBackOnWhenTheRetroLabelWasLastAdded) {
  const MigrationLabels options{.label = "migration"};
  TrackedItem item = Epic();
  // No history of the label: when the item was last updated.
  auto signal = MigrationSignal("github", item, options, Payments);
  ASSERT_TRUE(signal.has_value());
  EXPECT_EQ(signal->id(), "github:migration/PLAT-12");
  EXPECT_EQ(signal->migration().retro_written_at().seconds(), 1'710'000'000);
  item.labels_added["retrospective-done"] =
      absl::FromUnixSeconds(1'708'000'000);
  signal = MigrationSignal("github", item, options, Payments);
  ASSERT_TRUE(signal.has_value());
  EXPECT_EQ(signal->migration().retro_written_at().seconds(), 1'708'000'000);
  // The label taken off again: not looked back on.
  item.labels = {"migration"};
  signal = MigrationSignal("github", item, options, Payments);
  ASSERT_TRUE(signal.has_value());
  EXPECT_FALSE(signal->migration().has_retro_written_at());
}

TEST(TrackedItemTest, TheTeamIsAskedForOnlyWhenThereIsASignal) {
  int asked = 0;
  const auto nobody = [&]() -> std::optional<std::string> {
    ++asked;
    return std::nullopt;
  };
  TrackedItem item = Epic();
  EXPECT_FALSE(DeferralSignal("jira", item, nobody).has_value());
  EXPECT_FALSE(MigrationSignal("jira", item, {}, nobody).has_value());
  EXPECT_EQ(asked, 0);
  item.times_deferred = 1;
  EXPECT_FALSE(DeferralSignal("jira", item, nobody).has_value());
  EXPECT_FALSE(MigrationSignal("jira", item, {.label = "migration"}, nobody)
                   .has_value());
  EXPECT_EQ(asked, 2);
}

TEST(TrackedItemTest, NoMigrationWithoutTheLabelOrACreationTime) {
  TrackedItem item = Epic();
  EXPECT_FALSE(MigrationSignal("jira", item, MigrationLabels{}, Payments)
                   .has_value());  // no label configured
  item.created_at = absl::InfiniteFuture();
  EXPECT_FALSE(MigrationSignal("jira", item, {.label = "migration"}, Payments)
                   .has_value());
}

}  // namespace
}  // namespace teamload::collectors
