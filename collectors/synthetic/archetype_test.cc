#include "collectors/synthetic/archetype.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace teamload::synthetic {
namespace {

TEST(ArchetypeTest, EveryNameParsesBackToItsArchetype) {
  std::set<std::string> names;
  for (const Archetype archetype : AllArchetypes()) {
    const absl::string_view name = ArchetypeName(archetype);
    names.emplace(name);
    absl::StatusOr<Archetype> parsed = ParseArchetype(name);
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    EXPECT_EQ(*parsed, archetype) << name;
    EXPECT_FALSE(ArchetypeDescription(archetype).empty()) << name;
  }
  EXPECT_EQ(names.size(), 8u);
}

TEST(ArchetypeTest, ListsArchetypesInTheDocumentedOrder) {
  std::string order;
  for (const Archetype archetype : AllArchetypes()) {
    order += std::string(ArchetypeName(archetype)) + " ";
  }
  EXPECT_EQ(order,
            "steady pager_surge quiet_underwater deferral_drift recovering "
            "blind migration_overload deploy_surge ");
}

TEST(ArchetypeTest, AnUnknownNameIsRefusedWithTheValidNames) {
  for (const absl::string_view name : {"surge", "Steady", ""}) {
    absl::StatusOr<Archetype> parsed = ParseArchetype(name);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(parsed.status().message(),
              absl::StrCat("unknown archetype \"", name,
                           "\" (valid: steady, pager_surge, quiet_underwater, "
                           "deferral_drift, recovering, blind, "
                           "migration_overload, deploy_surge)"));
  }
}

}  // namespace
}  // namespace teamload::synthetic
