#include "compiler/eval/arm_expression.h"

#include "compiler/source/ascii.h"
#include <charconv>
#include <limits>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace bicepc::eval {
namespace {

using ir::Expr;

auto IsIdentStart(char c) -> bool {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
}
auto IsIdentChar(char c) -> bool { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
auto IsDigit(char c) -> bool { return c >= '0' && c <= '9'; }
auto IsSpace(char c) -> bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

using source::EqualsIgnoreCase;

class Parser {
 public:
  Parser(std::string_view text, std::uint32_t base) : text_{text}, base_{base} {}

  auto ParseAll() -> ParseResult {
    SkipSpace();
    if (AtEnd()) return Fail("The expression is empty.");
    auto e = ParseExpr(0);
    if (!e) return e;
    SkipSpace();
    if (!AtEnd()) return Fail(fmt::format("Unexpected character '{}' after the end of the expression.", Peek()));
    return e;
  }

 private:
  auto AtEnd() const -> bool { return pos_ >= text_.size(); }
  auto Peek() const -> char { return AtEnd() ? '\0' : text_[pos_]; }
  auto Offset(std::size_t p) const -> std::uint32_t { return base_ + static_cast<std::uint32_t>(p); }
  void SkipSpace() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }
  auto Fail(std::string message) const -> Unexpected<ParseError> {
    return MakeUnexpected(ParseError{std::move(message), Offset(pos_)});
  }
  auto Range(std::size_t begin) const -> source::SourceRange { return {Offset(begin), Offset(pos_)}; }

  // expr := primary ( '.' ident | '[' expr ']' )*
  auto ParseExpr(int depth) -> ParseResult {
    if (depth > kMaxParseDepth) return Fail("The expression is nested too deeply.");
    SkipSpace();
    auto begin = pos_;
    auto primary = ParsePrimary(depth);
    if (!primary) return primary;
    Expr e = std::move(primary).value();
    for (;;) {
      SkipSpace();
      if (Peek() == '.') {
        ++pos_;
        SkipSpace();
        auto name_begin = pos_;
        while (!AtEnd() && IsIdentChar(text_[pos_])) ++pos_;
        if (pos_ == name_begin) return Fail("Expected a property name after '.'.");
        auto name = std::string{text_.substr(name_begin, pos_ - name_begin)};
        e = Expr::Prop(std::move(e), std::move(name), Range(begin));
      } else if (Peek() == '[') {
        ++pos_;
        auto index = ParseExpr(depth + 1);
        if (!index) return index;
        SkipSpace();
        if (Peek() != ']') return Fail("Expected ']' to close the index expression.");
        ++pos_;
        e = Expr::Index(std::move(e), std::move(index).value(), Range(begin));
      } else {
        return e;
      }
    }
  }

  auto ParsePrimary(int depth) -> ParseResult {
    auto begin = pos_;
    char c = Peek();
    if (c == '\'') return ParseString();
    if (IsDigit(c) || c == '-' || c == '+') return ParseNumber();
    if (IsIdentStart(c)) return ParseCall(depth);
    if (AtEnd()) return Fail("Unexpected end of the expression.");
    pos_ = begin;
    return Fail(fmt::format("Unexpected character '{}'.", c));
  }

  auto ParseString() -> ParseResult {
    auto begin = pos_;
    ++pos_;  // opening quote
    std::string value;
    for (;;) {
      if (AtEnd()) {
        pos_ = begin;
        return Fail("The string literal is not terminated.");
      }
      char c = text_[pos_++];
      if (c == '\'') {
        if (Peek() == '\'') {
          value.push_back('\'');
          ++pos_;
          continue;
        }
        break;
      }
      value.push_back(c);
    }
    return Expr::Str(std::move(value), Range(begin));
  }

  auto ParseNumber() -> ParseResult {
    auto begin = pos_;
    bool negative = false;
    if (Peek() == '-' || Peek() == '+') {
      negative = Peek() == '-';
      ++pos_;
    }
    auto digits_begin = pos_;
    while (!AtEnd() && IsDigit(text_[pos_])) ++pos_;
    if (pos_ == digits_begin) return Fail("Expected digits in the integer literal.");
    if (Peek() == '.' && pos_ + 1 < text_.size() && IsDigit(text_[pos_ + 1])) {
      return Fail("Floating point literals are not supported in template expressions.");
    }
    auto digits = text_.substr(digits_begin, pos_ - digits_begin);
    // Validate the range of a 64-bit signed integer.
    std::string text = negative ? "-" : "";
    text.append(digits);
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size()) {
      pos_ = begin;
      return Fail(fmt::format("The integer literal '{}' is outside the range of a 64-bit integer.", text));
    }
    return Expr::Int(fmt::format("{}", value), Range(begin));
  }

  auto ParseCall(int depth) -> ParseResult {
    auto begin = pos_;
    while (!AtEnd() && IsIdentChar(text_[pos_])) ++pos_;
    auto name = std::string{text_.substr(begin, pos_ - begin)};
    // A namespaced function: ns.fn(...). Only one level, as ARM user-defined functions.
    auto save = pos_;
    SkipSpace();
    if (Peek() == '.') {
      auto after_dot = pos_ + 1;
      auto p = after_dot;
      while (p < text_.size() && IsSpace(text_[p])) ++p;
      auto member_begin = p;
      while (p < text_.size() && IsIdentChar(text_[p])) ++p;
      auto q = p;
      while (q < text_.size() && IsSpace(text_[q])) ++q;
      if (p > member_begin && q < text_.size() && text_[q] == '(') {
        name += ".";
        name.append(text_.substr(member_begin, p - member_begin));
        pos_ = q;
      } else {
        pos_ = save;
      }
    }
    SkipSpace();
    if (Peek() != '(') {
      return Fail(fmt::format("Expected '(' after the function name '{}'.", name));
    }
    ++pos_;
    std::vector<Expr> args;
    SkipSpace();
    if (Peek() == ')') {
      ++pos_;
    } else {
      for (;;) {
        auto arg = ParseExpr(depth + 1);
        if (!arg) return arg;
        args.push_back(std::move(arg).value());
        SkipSpace();
        if (Peek() == ',') {
          ++pos_;
          continue;
        }
        if (Peek() == ')') {
          ++pos_;
          break;
        }
        if (AtEnd()) return Fail(fmt::format("Expected ')' to close the call to '{}'.", name));
        return Fail(fmt::format("Expected ',' or ')' in the call to '{}'.", name));
      }
    }
    auto range = Range(begin);
    if (args.empty()) {
      if (EqualsIgnoreCase(name, "true")) return Expr::Bool(true, range);
      if (EqualsIgnoreCase(name, "false")) return Expr::Bool(false, range);
      if (EqualsIgnoreCase(name, "null")) return Expr::Null(range);
    }
    return Expr::Call(std::move(name), std::move(args), range);
  }

  std::string_view text_;
  std::uint32_t base_;
  std::size_t pos_ = 0;
};

auto ParseValue(const nlohmann::ordered_json& value, int depth) -> ParseResult {
  if (depth > kMaxParseDepth) return MakeUnexpected(ParseError{"The JSON value is nested too deeply.", 0});
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::null:
      return Expr::Null();
    case nlohmann::ordered_json::value_t::boolean:
      return Expr::Bool(value.get<bool>());
    case nlohmann::ordered_json::value_t::number_integer:
      return Expr::Int(fmt::format("{}", value.get<std::int64_t>()));
    case nlohmann::ordered_json::value_t::number_unsigned: {
      auto u = value.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return Expr::Int(fmt::format("{}", u));
      }
      return Expr::Call("json", {Expr::Str(fmt::format("{}", u))});
    }
    case nlohmann::ordered_json::value_t::number_float:
      return Expr::Call("json", {Expr::Str(value.dump())});
    case nlohmann::ordered_json::value_t::string:
      return ParseArmString(value.get_ref<const std::string&>());
    case nlohmann::ordered_json::value_t::array: {
      std::vector<Expr> items;
      items.reserve(value.size());
      for (const auto& item : value) {
        auto e = ParseValue(item, depth + 1);
        if (!e) return e;
        items.push_back(std::move(e).value());
      }
      return Expr::Array(std::move(items));
    }
    case nlohmann::ordered_json::value_t::object: {
      std::vector<Expr> kv;
      kv.reserve(value.size() * 2);
      for (const auto& [key, item] : value.items()) {
        auto k = ParseArmString(key);
        if (!k) return k;
        auto v = ParseValue(item, depth + 1);
        if (!v) return v;
        kv.push_back(std::move(k).value());
        kv.push_back(std::move(v).value());
      }
      return Expr::Object(std::move(kv));
    }
    case nlohmann::ordered_json::value_t::binary:
    case nlohmann::ordered_json::value_t::discarded:
      break;
  }
  return MakeUnexpected(ParseError{"Unsupported JSON value.", 0});
}

void QuoteInto(std::string& out, std::string_view s) {
  out.push_back('\'');
  for (char c : s) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  out.push_back('\'');
}

void FormatInto(std::string& out, const Expr& e, int depth) {
  if (depth > kMaxParseDepth) {
    out += "...";
    return;
  }
  auto list = [&](std::string_view name, const std::vector<Expr>& args) {
    out += name;
    out.push_back('(');
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i > 0) out += ", ";
      FormatInto(out, args[i], depth + 1);
    }
    out.push_back(')');
  };
  switch (e.kind) {
    case Expr::Kind::String:
      QuoteInto(out, e.text);
      return;
    case Expr::Kind::Int:
      out += e.text;
      return;
    case Expr::Kind::Bool:
      out += e.flag ? "true()" : "false()";
      return;
    case Expr::Kind::Null:
      out += "null()";
      return;
    case Expr::Kind::Call:
      list(e.text, e.args);
      return;
    case Expr::Kind::Property:
      FormatInto(out, e.args[0], depth + 1);
      out.push_back('.');
      out += e.text;
      return;
    case Expr::Kind::Index:
      FormatInto(out, e.args[0], depth + 1);
      out.push_back('[');
      FormatInto(out, e.args[1], depth + 1);
      out.push_back(']');
      return;
    case Expr::Kind::Array:
      list("createArray", e.args);
      return;
    case Expr::Kind::Object:
      list("createObject", e.args);
      return;
  }
}

}  // namespace

auto ParseArmExpression(std::string_view text, std::uint32_t base_offset) -> ParseResult {
  // Fast bracket-depth precheck so pathological nesting fails before any recursion.
  int nesting = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\'') in_string = !in_string;  // '' toggles twice: still correct
    if (in_string) continue;
    if (c == '(' || c == '[') {
      if (++nesting > kMaxParseDepth) {
        return MakeUnexpected(ParseError{"The expression is nested too deeply.", base_offset + static_cast<std::uint32_t>(i)});
      }
    } else if (c == ')' || c == ']') {
      --nesting;
    }
  }
  return Parser{text, base_offset}.ParseAll();
}

auto IsArmExpressionString(std::string_view value) -> bool {
  return value.size() >= 2 && value.front() == '[' && value.back() == ']' && value[1] != '[';
}

auto ParseArmString(std::string_view value) -> ParseResult {
  if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
    if (value[1] == '[') return Expr::Str(std::string{value.substr(1)});
    return ParseArmExpression(value.substr(1, value.size() - 2), 1);
  }
  return Expr::Str(std::string{value});
}

auto ParseArmValue(const nlohmann::ordered_json& value) -> ParseResult { return ParseValue(value, 0); }

auto FormatArmExpression(const ir::Expr& expr) -> std::string {
  std::string out;
  FormatInto(out, expr, 0);
  return out;
}

}  // namespace bicepc::eval
