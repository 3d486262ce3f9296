// The committed tagger model is what scripts/train-ner writes from this source tree: its word
// clusters read PolNeAR's raw text through lede's tokenizer (trainer/cluster_text.h), so a
// tokenizer change changes the model the script writes. 2216c57 did, and nothing said so: from
// then on the committed model was no longer the script's output. models/MODEL.md records the
// digest of what the tokenizer made of that text when the model was trained; this test reads the
// text again and compares.
#include <catch2/catch.hpp>

#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "cluster_text.h"
#include "support.h"

TEST_CASE("training inputs: the tokenizer reads the clusters' raw text as when the model was trained",
          "[tagger][model]") {
  const std::string data = lede_test::data_dir();
  if (data.empty()) {
    WARN("../shared/data not found (set LEDE_DATA): the clusters' raw text check is skipped");
    return;
  }
  const std::string record = lede_test::read_file(std::string(LEDE_SOURCE_DIR) + "/models/MODEL.md");
  const size_t at = record.find("raw text digest 0x");
  REQUIRE(at != std::string::npos);
  const std::string recorded = record.substr(at + 16, 18);

  // The clusters' one raw-text input (scripts/train-ner): PolNeAR's train texts, in name order,
  // as lede-clusters reads a folder.
  const std::string dir = data + "/polnear/train/text";
  std::vector<std::string> names;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string name = e->d_name;
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".txt") == 0) names.push_back(name);
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  REQUIRE(names.size() == 840);
  lede_train::RawTextDigest digest;
  for (const std::string& name : names) digest.add(lede_test::read_file(dir + "/" + name));
  char now[24];
  std::snprintf(now, sizeof now, "0x%016llx", static_cast<unsigned long long>(digest.value()));
  INFO("models/MODEL.md records " << recorded << ", the tokenizer now gives " << now
                                  << ": retrain the tagger (scripts/train-ner), then the attribution model");
  CHECK(recorded == now);
}
