// STYLE.md rule 2: ANTLR never leaves compiler/syntax/. Its headers may be included only from
// .cpp files in compiler/syntax/ (and the generated code of grammar/), and only those CMake
// folders may link the runtime or the generated grammar target.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

auto ReadText(const fs::path& path) -> std::string {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Top-level folders of our own sources (build directories and .git are skipped).
auto SourceFolders() -> std::vector<fs::path> {
  const fs::path root{BICEPC_SOURCE_DIR};
  return {root / "compiler", root / "lint-rules", root / "stdlib", root / "tools", root / "tests"};
}

auto IsUnder(const fs::path& path, const fs::path& folder) -> bool {
  const auto rel = path.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

TEST_CASE("antlr headers are included only from compiler/syntax/*.cpp") {
  const fs::path root{BICEPC_SOURCE_DIR};
  const fs::path syntax = root / "compiler" / "syntax";
  // #include <antlr4-runtime.h>, "antlr4/...", or a generated Bicep{Lexer,Parser,...}.h.
  const std::regex include_antlr{
      R"re(^\s*#\s*include\s*[<"]([^>"]*(antlr4|Bicep(Lexer|Parser)(BaseVisitor|Visitor|BaseListener|Listener)?\.h)[^>"]*)[>"])re",
      std::regex::multiline};
  std::size_t scanned = 0;
  for (const auto& folder : SourceFolders()) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it{folder, ec}, end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      const auto ext = it->path().extension().string();
      if (ext != ".cpp" && ext != ".h" && ext != ".hpp" && ext != ".inc" && ext != ".def") continue;
      ++scanned;
      const bool allowed = IsUnder(it->path(), syntax) && ext == ".cpp";
      if (allowed) continue;
      const auto text = ReadText(it->path());
      std::smatch match;
      CHECK_MESSAGE(!std::regex_search(text, match, include_antlr),
                    it->path().lexically_relative(root).string() << " includes " << match.str(1)
                                                                 << "; ANTLR may only be used in compiler/syntax/*.cpp");
    }
  }
  CHECK(scanned > 0);
}

TEST_CASE("only compiler/syntax links the ANTLR runtime or the generated grammar") {
  const fs::path root{BICEPC_SOURCE_DIR};
  const std::regex links_antlr{R"(target_link_libraries\s*\([^)]*(antlr4|bicep_grammar|bicepc_grammar))"};
  for (const auto& folder : SourceFolders()) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it{folder, ec}, end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file() || it->path().filename() != "CMakeLists.txt") continue;
      if (IsUnder(it->path(), root / "compiler" / "syntax")) continue;
      const auto text = ReadText(it->path());
      CHECK_MESSAGE(!std::regex_search(text, links_antlr),
                    it->path().lexically_relative(root).string() << " links ANTLR; only compiler/syntax may");
    }
  }
}

}  // namespace
