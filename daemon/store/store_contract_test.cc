// The contract suite, once for each store: SQLite in a temporary file and
// PostgreSQL in a database of its own on a throwaway server.
#include "daemon/store/store_contract.h"

#include "daemon/store/testing.h"

namespace teamload::store {
namespace {

INSTANTIATE_TEST_SUITE_P(Stores, StoreContractTest,
                         ::testing::Values(&testing::NewSqliteUrl,
                                           &testing::NewPostgresUrl),
                         [](const ::testing::TestParamInfo<NewStoreUrl>& info) {
                           return testing::StoreName(info.param);
                         });

}  // namespace
}  // namespace teamload::store
