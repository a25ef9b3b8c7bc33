// Helpers shared by the emit_json tests: locating the expected JSON files of the corpora.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bicepc::emit_json_tests {

inline auto SharedDir() -> std::filesystem::path { return std::filesystem::path{BICEPC_SHARED_DIR}; }

inline auto ReadFileText(const std::filesystem::path& path) -> std::string {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline auto FoldCrlf(std::string_view text) -> std::string {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

// Every main.json / main.symbolicnames.json directly inside a baseline folder, sorted.
inline auto BaselineJsonFiles() -> std::vector<std::filesystem::path> {
  std::vector<std::filesystem::path> out;
  auto root = SharedDir() / "corpus" / "bicep-baselines";
  if (!std::filesystem::is_directory(root)) return out;
  for (const auto& entry : std::filesystem::directory_iterator{root}) {
    if (!entry.is_directory()) continue;
    for (const char* name : {"main.json", "main.symbolicnames.json"}) {
      auto file = entry.path() / name;
      if (std::filesystem::is_regular_file(file)) out.push_back(file);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every expected_json of corpus/realworld/MANIFEST.tsv, in manifest order.
inline auto RealworldJsonFiles() -> std::vector<std::filesystem::path> {
  std::vector<std::filesystem::path> out;
  auto root = SharedDir() / "corpus" / "realworld";
  std::ifstream manifest{root / "MANIFEST.tsv"};
  if (!manifest) return out;
  std::string line;
  std::getline(manifest, line);  // header
  while (std::getline(manifest, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> columns;
    std::stringstream stream{line};
    std::string column;
    while (std::getline(stream, column, '\t')) columns.push_back(column);
    if (columns.size() < 3) continue;
    out.push_back(root / columns[0] / columns[2]);
  }
  return out;
}

}  // namespace bicepc::emit_json_tests
