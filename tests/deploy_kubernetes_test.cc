// deploy/kubernetes/: every manifest parses, the Deployment's probes, ports
// and Prometheus annotations name the ports its ConfigMap's config opens
// (the grpc: probes its health_listen), the config passes `teamloadd
// --check-config`, and a real teamloadd running that config (on a throwaway
// PostgreSQL) answers the probes the way the kubelet asks them.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "daemon/store/testing.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "tests/deploy_testing.h"
#include "tests/support/http.h"
#include "tests/support/process.h"
#include "tests/support/tls.h"
#include "yaml-cpp/yaml.h"

namespace teamload::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kDir = DeployDir() / "kubernetes";

// The port of "HOST:PORT".
int PortOf(const std::string& address) {
  int port = -1;
  EXPECT_TRUE(absl::SimpleAtoi(address.substr(address.rfind(':') + 1), &port))
      << address;
  return port;
}

class KubernetesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    manifests_ = new std::map<std::string, YAML::Node>;
    for (const auto& entry : fs::directory_iterator(kDir)) {
      for (const YAML::Node& doc : YAML::LoadAllFromFile(entry.path())) {
        const std::string kind = doc["kind"].as<std::string>();
        (*manifests_)[kind] = doc;
        (*manifests_)["file:" + kind] =
            YAML::Node(entry.path().filename().string());
      }
    }
  }
  static void TearDownTestSuite() { delete manifests_; }

  static YAML::Node Manifest(const std::string& kind) {
    const auto found = manifests_->find(kind);
    EXPECT_NE(found, manifests_->end()) << "no " << kind << " in " << kDir;
    return found == manifests_->end() ? YAML::Node() : found->second;
  }
  static YAML::Node Container() {
    return Manifest("Deployment")["spec"]["template"]["spec"]["containers"][0];
  }
  // The config the ConfigMap holds, as text and parsed.
  static std::string ConfigText() {
    return Manifest("ConfigMap")["data"]["teamload.yaml"].as<std::string>();
  }
  static YAML::Node Config() { return YAML::Load(ConfigText()); }

  // A probe's or Service's port: a number, or a container port's name.
  static int ResolvePort(const YAML::Node& port) {
    int number;
    if (absl::SimpleAtoi(port.as<std::string>(), &number)) return number;
    for (const YAML::Node& named : Container()["ports"]) {
      if (named["name"].as<std::string>() == port.as<std::string>())
        return named["containerPort"].as<int>();
    }
    ADD_FAILURE() << "no container port named " << port;
    return -1;
  }

  static std::map<std::string, YAML::Node>* manifests_;
};

std::map<std::string, YAML::Node>* KubernetesTest::manifests_ = nullptr;

TEST_F(KubernetesTest, KustomizationListsEveryManifest) {
  std::set<std::string> listed;
  for (const YAML::Node& resource : Manifest("Kustomization")["resources"]) {
    listed.insert(resource.as<std::string>());
    EXPECT_TRUE(fs::exists(kDir / resource.as<std::string>())) << resource;
  }
  for (const auto& [key, file] : *manifests_) {
    if (!absl::StartsWith(key, "file:") || key == "file:Kustomization")
      continue;
    EXPECT_TRUE(listed.count(file.as<std::string>())) << file;
  }
  for (const char* kind :
       {"Namespace", "ConfigMap", "Secret", "Deployment", "Service"}) {
    EXPECT_TRUE(Manifest(kind).IsMap()) << kind;
  }
}

TEST_F(KubernetesTest, DeploymentRunsThreeReplicasOfTheConfigMapsConfig) {
  const YAML::Node deployment = Manifest("Deployment");
  EXPECT_EQ(deployment["spec"]["replicas"].as<int>(), 3);
  const YAML::Node labels =
      deployment["spec"]["template"]["metadata"]["labels"];
  for (const YAML::Node& selector :
       {deployment["spec"]["selector"]["matchLabels"],
        Manifest("Service")["spec"]["selector"]}) {
    for (const auto& label : selector) {
      EXPECT_EQ(labels[label.first.as<std::string>()].as<std::string>(),
                label.second.as<std::string>());
    }
  }
  // --config names the ConfigMap's key where its volume is mounted.
  std::map<std::string, std::string> mounted;  // volume name -> mount path
  for (const YAML::Node& mount : Container()["volumeMounts"])
    mounted[mount["name"].as<std::string>()] =
        mount["mountPath"].as<std::string>();
  std::string config_path, tls_dir;
  for (const YAML::Node& volume :
       deployment["spec"]["template"]["spec"]["volumes"]) {
    const std::string name = volume["name"].as<std::string>();
    if (volume["configMap"]) {
      EXPECT_EQ(volume["configMap"]["name"].as<std::string>(),
                Manifest("ConfigMap")["metadata"]["name"].as<std::string>());
      config_path = mounted[name] + "/teamload.yaml";
    }
    if (volume["secret"]) tls_dir = mounted[name] + "/";
  }
  const YAML::Node args = Container()["args"];
  ASSERT_EQ(args.size(), 2u);
  EXPECT_EQ(args[0].as<std::string>(), "--config");
  EXPECT_EQ(args[1].as<std::string>(), config_path);
  // The certificate, its key and the database's CA come from the Secret.
  const YAML::Node config = Config();
  EXPECT_TRUE(
      absl::StartsWith(config["tls"]["cert"].as<std::string>(), tls_dir));
  EXPECT_TRUE(
      absl::StartsWith(config["tls"]["key"].as<std::string>(), tls_dir));
  EXPECT_THAT(config["store"].as<std::string>(),
              HasSubstr("sslrootcert=" + tls_dir));
}

TEST_F(KubernetesTest, ProbesAndAnnotationsPointAtThePortsTheConfigOpens) {
  const YAML::Node config = Config();
  const int grpc_port = PortOf(config["listen"].as<std::string>());
  const int metrics_port = PortOf(config["metrics_listen"].as<std::string>());
  const int health_port = PortOf(config["health_listen"].as<std::string>());
  EXPECT_EQ(ResolvePort(YAML::Node("grpc")), grpc_port);
  EXPECT_EQ(ResolvePort(YAML::Node("metrics")), metrics_port);
  EXPECT_EQ(ResolvePort(YAML::Node("health")), health_port);

  // The kubelet's grpc: probe, in plaintext, on the health port: a number
  // (grpc: probes take no names), asking for the whole server (no
  // `service`: ingest's own NOT_SERVING must not take a pod out).
  for (const char* probe :
       {"startupProbe", "readinessProbe", "livenessProbe"}) {
    SCOPED_TRACE(probe);
    const YAML::Node grpc = Container()[probe]["grpc"];
    ASSERT_TRUE(grpc.IsMap()) << "see deployment.yaml";
    EXPECT_EQ(grpc["port"].as<int>(), health_port);
    EXPECT_FALSE(grpc["service"]);
  }

  const YAML::Node annotations =
      Manifest("Deployment")["spec"]["template"]["metadata"]["annotations"];
  EXPECT_EQ(annotations["prometheus.io/scrape"].as<std::string>(), "true");
  EXPECT_EQ(annotations["prometheus.io/port"].as<int>(), metrics_port);
  EXPECT_EQ(annotations["prometheus.io/path"].as<std::string>(), "/metrics");
  // /metrics is served over TLS when the config has tls:.
  EXPECT_EQ(annotations["prometheus.io/scheme"].as<std::string>(),
            config["tls"] ? "https" : "http");

  for (const YAML::Node& port : Manifest("Service")["spec"]["ports"]) {
    EXPECT_EQ(
        ResolvePort(port["targetPort"]),
        port["name"].as<std::string>() == "grpc" ? grpc_port : metrics_port);
  }
}

TEST_F(KubernetesTest, TheDatabasePasswordComesFromTheSecret) {
  const YAML::Node config = Config();
  const std::string store = config["store"].as<std::string>();
  EXPECT_TRUE(absl::StartsWith(store, "postgresql://")) << store;
  EXPECT_THAT(store, HasSubstr("target_session_attrs=read-write"));
  EXPECT_THAT(store.substr(0, store.find('/', 13)), HasSubstr(","))
      << "a primary and a standby";
  const std::string variable = config["store_password_env"].as<std::string>();
  bool found = false;
  for (const YAML::Node& env : Container()["env"]) {
    if (env["name"].as<std::string>() != variable) continue;
    found = true;
    const YAML::Node ref = env["valueFrom"]["secretKeyRef"];
    const YAML::Node secret = Manifest("Secret");
    EXPECT_EQ(ref["name"].as<std::string>(),
              secret["metadata"]["name"].as<std::string>());
    EXPECT_TRUE(secret["stringData"][ref["key"].as<std::string>()]);
  }
  EXPECT_TRUE(found) << "no env " << variable << " in the Deployment";
}

TEST_F(KubernetesTest, ConfigMapsConfigPassesCheckConfig) {
  const ProcessResult check = CheckConfig(ConfigText());
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_THAT(check.out,
              HasSubstr("listen 0.0.0.0:7070, TLS, 4 tokens; health_listen "
                        "0.0.0.0:7071 (plaintext, no token)"));
}

// What the kubelet would see from a pod running the ConfigMap's config:
// the config as it is but for its ports (any free one, on loopback), its
// files (real test certificates) and its database (a throwaway PostgreSQL).
class KubeletProbeTest : public KubernetesTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(MakeTestPki(dir_.path(), pki_));
    const YAML::Node config = Config();
    const std::string text = WithEtcIn(
        absl::StrReplaceAll(
            ConfigText(),
            {{config["listen"].as<std::string>(), "127.0.0.1:0"},
             {config["metrics_listen"].as<std::string>(), "127.0.0.1:0"},
             {config["health_listen"].as<std::string>(), "127.0.0.1:0"},
             {config["store"].as<std::string>(),
              store::testing::NewPostgresUrl() +
                  "?target_session_attrs=read-write"},
             {"/var/lib/teamload/", (dir_.path() / "state").string() + "/"}}),
        dir_.path() / "etc",
        {{"tls.crt", pki_.server_cert}, {"tls.key", pki_.server_key}});
    std::ofstream(dir_.path() / "teamload.yaml") << text;
    // The Secret's password; the test server trusts loopback connections.
    ::setenv(config["store_password_env"].as<std::string>().c_str(),
             "from-the-secret", 1);
    daemon_ = std::make_unique<Process>(
        std::vector<std::string>{TeamloaddPath(), "--config",
                                 (dir_.path() / "teamload.yaml").string()},
        dir_.path() / "teamloadd.log");
    daemon_->Start();
    ASSERT_TRUE(WaitFor([&] {
      return absl::StrContains(daemon_->Log(), "serving gRPC on");
    })) << daemon_->Log();
    grpc_port_ = PortOf(Logged("serving gRPC on "));
    metrics_port_ = PortOf(Logged("serving metrics on "));
    health_port_ = PortOf(Logged("serving gRPC health on "));
  }

  std::string Logged(const std::string& prefix) {
    const std::string log = daemon_->Log();
    const size_t at = log.find(prefix) + prefix.size();
    return log.substr(at, log.find_first_of(" \n", at) - at);
  }

  // grpc.health.v1.Health/Check of the whole server (no `service`) in
  // plaintext with no token, as the kubelet's grpc: probe sends it.
  grpc::Status Check(int port,
                     grpc::health::v1::HealthCheckResponse& response) {
    auto health = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(5));
    return health->Check(&context, {}, &response);
  }

  TempDir dir_;
  TestPki pki_;
  std::unique_ptr<Process> daemon_;
  int grpc_port_ = -1;
  int metrics_port_ = -1;
  int health_port_ = -1;
};

// One daemon (and one throwaway PostgreSQL) for every probe: each start
// takes seconds.
TEST_F(KubeletProbeTest, AnswersTheProbesAsTheManifestsExpect) {
  {
    // deployment.yaml's probes: the kubelet's grpc: probe on the health
    // port, which answers in plaintext without a token.
    SCOPED_TRACE("grpc: health_listen");
    grpc::health::v1::HealthCheckResponse response;
    const grpc::Status status = Check(health_port_, response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.status(),
              grpc::health::v1::HealthCheckResponse::SERVING);
  }
  {
    // Why the probes do not ask the gRPC port: it serves TLS only, and the
    // kubelet speaks plaintext HTTP/2.
    SCOPED_TRACE("grpc: listen");
    grpc::health::v1::HealthCheckResponse response;
    const grpc::Status status = Check(grpc_port_, response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE)
        << status.error_message();
  }
  {
    // What the prometheus.io/* annotations point at answers over TLS, and
    // only to a metrics token: a Prometheus job needs one besides them.
    SCOPED_TRACE("prometheus.io/*");
    const HttpResponse scrape = HttpGet(
        {.url = absl::StrCat("https://localhost:", metrics_port_, "/metrics"),
         .ca_file = pki_.ca_cert.string()});
    EXPECT_EQ(scrape.status, 401) << scrape.error;
  }
}

}  // namespace
}  // namespace teamload::testing
