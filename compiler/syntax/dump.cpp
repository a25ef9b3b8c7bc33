// DumpSyntax: the golden ".syntax" format and `bicepc build --dump=syntax`.
// One node per line, indented two spaces per level:
//   Kind [begin,end) flags=N "text"  (flags and text only when present)
// String nodes list their decoded segments; comments and pragmas follow the tree.
// Iterative, so any tree depth is fine.
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "compiler/syntax/parse.h"

namespace bicepc::syntax {
namespace {

auto Escape(std::string_view s) -> std::string {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += fmt::format("\\x{:02x}", c);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

auto PragmaKindName(PragmaKind kind) -> std::string_view {
  switch (kind) {
    case PragmaKind::DisableNextLine: return "disable-next-line";
    case PragmaKind::DisableDiagnostics: return "disable-diagnostics";
    case PragmaKind::RestoreDiagnostics: return "restore-diagnostics";
  }
  return "?";
}

}  // namespace

auto DumpSyntax(const SyntaxTree& tree) -> std::string {
  std::string out;
  if (!tree.root()) return out;
  std::vector<std::pair<NodeId, std::size_t>> stack{{tree.root(), 0}};
  while (!stack.empty()) {
    auto [id, depth] = stack.back();
    stack.pop_back();
    out.append(depth * 2, ' ');
    if (!id) {
      out += "None\n";
      continue;
    }
    const auto& n = tree.node(id);
    out += fmt::format("{} [{},{})", NodeKindName(n.kind), n.range.begin, n.range.end);
    if (n.flags != 0) out += fmt::format(" flags={}", n.flags);
    if (n.kind == NodeKind::String) {
      for (const auto& seg : tree.StringSegments(id)) out += fmt::format(" \"{}\"", Escape(seg));
    } else if (n.text != Node::kNoText) {
      out += fmt::format(" \"{}\"", Escape(tree.text(id)));
    }
    out += '\n';
    auto kids = tree.children(id);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.emplace_back(*it, depth + 1);
  }
  for (const auto& c : tree.comments()) {
    out += fmt::format("Comment {} [{},{})\n", c.kind == CommentKind::Line ? "Line" : "Block", c.range.begin,
                       c.range.end);
  }
  for (const auto& p : tree.pragmas()) {
    out += fmt::format("Pragma {} [{},{})", PragmaKindName(p.kind), p.range.begin, p.range.end);
    for (const auto& code : p.codes) out += fmt::format(" {}", code);
    out += '\n';
  }
  return out;
}

}  // namespace bicepc::syntax
