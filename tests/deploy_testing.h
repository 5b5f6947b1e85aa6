// Helpers for the tests of the shipped deployment files (deploy/): configs
// whose /etc/teamload/ files are made up in a temporary folder, and the
// programs those tests run.
#ifndef TEAMLOAD_TESTS_DEPLOY_TESTING_H_
#define TEAMLOAD_TESTS_DEPLOY_TESTING_H_

#include <filesystem>
#include <map>
#include <string>

#include "tests/support/process.h"

namespace teamload::testing {

// The repository's deploy/ folder.
std::filesystem::path DeployDir();

// `config` (a teamloadd config's text) with every path under /etc/teamload/
// moved into `dir`, and each file it names there made: a copy of
// `files[name]` when `files` has its file name (tls.crt, say), else empty.
std::string WithEtcIn(
    const std::string& config, const std::filesystem::path& dir,
    const std::map<std::string, std::filesystem::path>& files = {});

// `teamloadd --check-config` on `config`, its /etc/teamload/ files made up
// in a temporary folder (as WithEtcIn does).
ProcessResult CheckConfig(const std::string& config);

// Where `name` is on $PATH; empty when it is not.
std::string FindProgram(const std::string& name);

}  // namespace teamload::testing

#endif  // TEAMLOAD_TESTS_DEPLOY_TESTING_H_
