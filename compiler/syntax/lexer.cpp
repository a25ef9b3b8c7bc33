// The hand-written lexer: the rules of grammar/BicepLexer.g4, one byte at a time, with the same
// longest-match choices and the same mode, hole and unterminated-string bookkeeping as the
// grammar's actions (see the comments there). Only the token type constants come from the
// generated lexer's header; none of its code is used.
#include "compiler/syntax/lexer.h"

#include <algorithm>
#include <cstring>

#include "BicepLexer.h"

namespace bicepc::syntax {
namespace {

using L = bicepc::grammar::BicepLexer;

constexpr std::uint32_t kHidden = 1;

enum class Mode : std::uint8_t { Default, Str, MultiLine, InterpolatedMultiLine };

constexpr auto IsIdentStart(unsigned char c) -> bool {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr auto IsDigit(unsigned char c) -> bool { return c >= '0' && c <= '9'; }
constexpr auto IsIdentPart(unsigned char c) -> bool { return IsIdentStart(c) || IsDigit(c); }

// The keyword token type of an identifier, or IDENTIFIER (equal length: the keyword rule comes first).
auto KeywordType(std::string_view w) -> std::uint32_t {
  struct Keyword {
    std::string_view text;
    std::uint32_t type;
  };
  static constexpr Keyword kKeywords[] = {
      {"targetScope", L::TARGET_SCOPE}, {"metadata", L::METADATA}, {"param", L::PARAM},
      {"var", L::VAR},                  {"resource", L::RESOURCE}, {"module", L::MODULE},
      {"output", L::OUTPUT},            {"type", L::TYPE},         {"func", L::FUNC},
      {"import", L::IMPORT},            {"extension", L::EXTENSION}, {"extensionConfig", L::EXTENSION_CONFIG},
      {"assert", L::ASSERT},            {"test", L::TEST},         {"using", L::USING},
      {"extends", L::EXTENDS},          {"existing", L::EXISTING}, {"if", L::IF},
      {"for", L::FOR},                  {"in", L::IN},             {"with", L::WITH},
      {"as", L::AS},                    {"from", L::FROM},         {"none", L::NONE},
      {"true", L::TRUE_KW},             {"false", L::FALSE_KW},    {"null", L::NULL_KW},
  };
  // Every keyword is 2..15 bytes and starts with a lower-case letter.
  if (w.size() < 2 || w.size() > 15 || w[0] < 'a' || w[0] > 'z') return L::IDENTIFIER;
  for (const auto& k : kKeywords) {
    if (k.text.size() == w.size() && k.text[0] == w[0] && k.text == w) return k.type;
  }
  return L::IDENTIFIER;
}

class Lexer {
 public:
  Lexer(std::string_view text, std::size_t max_tokens) : s_{text}, n_{text.size()}, max_tokens_{max_tokens} {}

  auto Run() -> std::vector<LexToken> {
    // about one token per 4.5 bytes in real templates
    out_.reserve(std::min(n_ / 4 + 16, max_tokens_ + 2));
    while (pos_ < n_) {
      if (out_.size() > max_tokens_) return std::move(out_);
      Next();
    }
    // EOF: every string still open is unterminated.
    std::size_t levels = holes_.size() + (mode_ != Mode::Default ? 1 : 0);
    EmitUnterminated(levels, pos_);
    Push(kLexEof, 0, pos_, pos_);
    return std::move(out_);
  }

 private:
  auto At(std::size_t i) const -> unsigned char { return i < n_ ? static_cast<unsigned char>(s_[i]) : 0; }
  auto Has(std::size_t i, char c) const -> bool { return i < n_ && s_[i] == c; }

  void Push(std::uint32_t type, std::uint32_t channel, std::size_t begin, std::size_t end) {
    out_.push_back(LexToken{type, channel, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end),
                            line_, static_cast<std::uint32_t>(begin - line_start_)});
  }
  // A token whose bytes may contain '\n': the line count moves on after it.
  void PushMultiLine(std::uint32_t type, std::uint32_t channel, std::size_t begin, std::size_t end) {
    Push(type, channel, begin, end);
    CountLines(begin, end);
  }
  void CountLines(std::size_t begin, std::size_t end) {
    const char* p = s_.data() + begin;
    const char* e = s_.data() + end;
    while (p < e) {
      const auto* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(e - p)));
      if (nl == nullptr) break;
      ++line_;
      line_start_ = static_cast<std::size_t>(nl - s_.data()) + 1;
      p = nl + 1;
    }
  }
  // Zero-width STR_UNTERMINATED tokens before the token starting at `at` (at the current line).
  void EmitUnterminated(std::size_t levels, std::size_t at) {
    for (std::size_t i = 0; i < levels; ++i) Push(L::STR_UNTERMINATED, 0, at, at);
  }

  // ---- the grammar's actions ----
  void PushMode(Mode m) {
    modes_.push_back(mode_);
    mode_ = m;
  }
  void PopMode() {
    if (modes_.empty()) return;
    mode_ = modes_.back();
    modes_.pop_back();
  }
  void OpenHole() {
    holes_.push_back(0);
    PushMode(Mode::Default);
  }
  void CloseBrace() {
    if (holes_.empty()) return;
    if (holes_.back() > 0) {
      --holes_.back();
      return;
    }
    holes_.pop_back();
    PopMode();
  }
  // A newline inside a single-line string (in_text) or inside a hole ends every open string:
  // returns how many STR_UNTERMINATED tokens go before the newline.
  auto NewLine(bool in_text) -> std::size_t {
    std::size_t levels = holes_.size() + (in_text ? 1 : 0);
    if (levels == 0) return 0;
    holes_.clear();
    dollars_.clear();
    modes_.clear();
    mode_ = Mode::Default;
    return levels;
  }
  void Newlines(std::size_t begin, bool in_text) {
    std::size_t end = begin;
    while (end < n_ && (s_[end] == '\n' || s_[end] == '\r')) ++end;
    EmitUnterminated(NewLine(in_text), begin);
    PushMultiLine(L::NL, 0, begin, end);
    pos_ = end;
  }
  // PRAGMA's action: a pragma only when spaces and tabs alone precede it on its line (or a
  // byte-order mark at the start of the file), else UNKNOWN.
  auto IsPragmaPosition(std::size_t start) const -> bool {
    for (std::size_t pos = start; pos-- > 0;) {
      if (pos == 2 && At(0) == 0xEF && At(1) == 0xBB && At(2) == 0xBF) break;
      auto c = s_[pos];
      if (c == ' ' || c == '\t') continue;
      if (c == '\n' || c == '\r') break;
      return false;
    }
    return true;
  }

  void Next() {
    switch (mode_) {
      case Mode::Default: return NextDefault();
      case Mode::Str: return NextStr();
      case Mode::MultiLine: return NextMultiLine(false);
      case Mode::InterpolatedMultiLine: return NextMultiLine(true);
    }
  }

  void Simple(std::uint32_t type, std::size_t length) {
    Push(type, 0, pos_, pos_ + length);
    pos_ += length;
  }

  void NextDefault() {
    const std::size_t b = pos_;
    const auto c = static_cast<unsigned char>(s_[b]);
    switch (c) {
      case ' ': case '\t': {  // WS -> skip
        std::size_t e = b + 1;
        while (e < n_ && (s_[e] == ' ' || s_[e] == '\t')) ++e;
        pos_ = e;
        return;
      }
      case '\r': case '\n':
        return Newlines(b, false);
      case 0xEF:
        if (At(b + 1) == 0xBB && At(b + 2) == 0xBF) {
          Push(L::BOM, kHidden, b, b + 3);
          pos_ = b + 3;
          return;
        }
        return Simple(L::UNKNOWN, 1);
      case '/':
        if (Has(b + 1, '/')) {
          std::size_t e = b + 2;
          while (e < n_ && s_[e] != '\n' && s_[e] != '\r') ++e;
          Push(L::LINE_COMMENT, kHidden, b, e);
          pos_ = e;
          return;
        }
        if (Has(b + 1, '*')) {
          auto close = s_.find("*/", b + 2);
          if (close == std::string_view::npos) {
            PushMultiLine(L::UNTERMINATED_BLOCK_COMMENT, kHidden, b, n_);
            pos_ = n_;
          } else {
            PushMultiLine(L::BLOCK_COMMENT, kHidden, b, close + 2);
            pos_ = close + 2;
          }
          return;
        }
        return Simple(L::SLASH, 1);
      case '#':
        return Pragma();
      case '\'':
        if (Has(b + 1, '\'') && Has(b + 2, '\'')) {
          Simple(L::MSTR_OPEN, 3);
          PushMode(Mode::MultiLine);
        } else {
          Simple(L::STR_OPEN, 1);
          PushMode(Mode::Str);
        }
        return;
      case '$': {
        std::size_t e = b + 1;
        while (e < n_ && s_[e] == '$') ++e;
        if (Has(e, '\'') && Has(e + 1, '\'') && Has(e + 2, '\'')) {
          Simple(L::IMSTR_OPEN, e + 3 - b);
          dollars_.push_back(e - b);
          PushMode(Mode::InterpolatedMultiLine);
          return;
        }
        return Simple(L::UNKNOWN, 1);
      }
      case '{':
        if (!holes_.empty()) ++holes_.back();
        return Simple(L::LBRACE, 1);
      case '}':
        Simple(L::RBRACE, 1);
        CloseBrace();
        return;
      case '(': return Simple(L::LPAREN, 1);
      case ')': return Simple(L::RPAREN, 1);
      case '[': return Simple(L::LBRACK, 1);
      case ']': return Simple(L::RBRACK, 1);
      case '@': return Simple(L::AT, 1);
      case ',': return Simple(L::COMMA, 1);
      case ';': return Simple(L::SEMICOLON, 1);
      case '+': return Simple(L::PLUS, 1);
      case '-': return Simple(L::MINUS, 1);
      case '*': return Simple(L::STAR, 1);
      case '%': return Simple(L::PERCENT, 1);
      case '^': return Simple(L::HAT, 1);
      case '"': return Simple(L::DQUOTE, 1);
      case '.':
        if (Has(b + 1, '.') && Has(b + 2, '.')) return Simple(L::ELLIPSIS, 3);
        return Simple(L::DOT, 1);
      case ':':
        if (Has(b + 1, ':')) return Simple(L::DOUBLE_COLON, 2);
        return Simple(L::COLON, 1);
      case '=':
        if (Has(b + 1, '>')) return Simple(L::ARROW, 2);
        if (Has(b + 1, '=')) return Simple(L::EQ, 2);
        if (Has(b + 1, '~')) return Simple(L::EQI, 2);
        return Simple(L::ASSIGN, 1);
      case '!':
        if (Has(b + 1, '=')) return Simple(L::NEQ, 2);
        if (Has(b + 1, '~')) return Simple(L::NEQI, 2);
        return Simple(L::EXCL, 1);
      case '<':
        if (Has(b + 1, '=')) return Simple(L::LTE, 2);
        return Simple(L::LT, 1);
      case '>':
        if (Has(b + 1, '=')) return Simple(L::GTE, 2);
        return Simple(L::GT, 1);
      case '&':
        if (Has(b + 1, '&')) return Simple(L::AND, 2);
        return Simple(L::UNKNOWN, 1);
      case '|':
        if (Has(b + 1, '|')) return Simple(L::OR, 2);
        return Simple(L::PIPE, 1);
      case '?':
        if (Has(b + 1, '?')) return Simple(L::COALESCE, 2);
        return Simple(L::QUESTION, 1);
      default:
        break;
    }
    if (IsIdentStart(c)) {
      std::size_t e = b + 1;
      while (e < n_ && IsIdentPart(static_cast<unsigned char>(s_[e]))) ++e;
      return Simple(KeywordType(s_.substr(b, e - b)), e - b);
    }
    if (IsDigit(c)) {
      std::size_t e = b + 1;
      while (e < n_ && IsDigit(static_cast<unsigned char>(s_[e]))) ++e;
      return Simple(L::INTEGER, e - b);
    }
    Simple(L::UNKNOWN, 1);
  }

  // '#' ('disable-next-line' | 'disable-diagnostics' | 'restore-diagnostics') (~[\r\n/] | '/' ~[\r\n/*])*
  void Pragma() {
    const std::size_t b = pos_;
    auto rest = s_.substr(b + 1);
    std::size_t e = 0;
    for (std::string_view name : {"disable-next-line", "disable-diagnostics", "restore-diagnostics"}) {
      if (rest.starts_with(name)) {
        e = b + 1 + name.size();
        break;
      }
    }
    if (e == 0) return Simple(L::UNKNOWN, 1);
    while (e < n_) {
      auto c = s_[e];
      if (c == '\r' || c == '\n') break;
      if (c != '/') {
        ++e;
        continue;
      }
      auto d = At(e + 1);
      if (e + 1 >= n_ || d == '\r' || d == '\n' || d == '/' || d == '*') break;
      e += 2;
    }
    if (IsPragmaPosition(b)) {
      Push(L::PRAGMA, kHidden, b, e);
    } else {
      Push(L::UNKNOWN, 0, b, e);
    }
    pos_ = e;
  }

  void NextStr() {
    const std::size_t b = pos_;
    switch (s_[b]) {
      case '\'':
        Simple(L::STR_CLOSE, 1);
        PopMode();
        return;
      case '\\': {
        // '\\' ('u{' ~[}'\r\n]* '}' | ~[\r\n])?
        std::size_t e = b + 1;
        if (e < n_ && s_[e] != '\r' && s_[e] != '\n') {
          if (s_[e] == 'u' && Has(e + 1, '{')) {
            std::size_t q = e + 2;
            while (q < n_ && s_[q] != '}' && s_[q] != '\'' && s_[q] != '\r' && s_[q] != '\n') ++q;
            e = Has(q, '}') ? q + 1 : e + 1;
          } else {
            e += 1;
          }
        }
        return Simple(L::STR_ESCAPE, e - b);
      }
      case '$':
        if (Has(b + 1, '{')) {
          Simple(L::HOLE_OPEN, 2);
          OpenHole();
          return;
        }
        return Simple(L::STR_TEXT, 1);
      case '\r': case '\n':
        return Newlines(b, true);
      default: {
        std::size_t e = b + 1;
        while (e < n_) {
          auto c = s_[e];
          if (c == '\'' || c == '\\' || c == '$' || c == '\r' || c == '\n') break;
          ++e;
        }
        return Simple(L::STR_TEXT, e - b);
      }
    }
  }

  // MSTR and IMSTR: text up to ''' not followed by another quote; in IMSTR, '$'+ '{' opens a
  // hole when at least as many dollars as the string's opening precede the brace.
  void NextMultiLine(bool interpolated) {
    const std::size_t b = pos_;
    const char c = s_[b];
    if (c == '\'') {
      if (Has(b + 1, '\'') && Has(b + 2, '\'') && !Has(b + 3, '\'')) {
        Simple(L::MSTR_CLOSE, 3);
        if (interpolated && !dollars_.empty()) dollars_.pop_back();
        PopMode();
        return;
      }
      return Simple(L::MSTR_TEXT, 1);
    }
    if (interpolated && c == '$') {
      std::size_t e = b + 1;
      while (e < n_ && s_[e] == '$') ++e;
      if (Has(e, '{')) {
        std::size_t count = e - b;
        if (!dollars_.empty() && count >= dollars_.back()) {
          Simple(L::HOLE_OPEN, count + 1);
          OpenHole();
        } else {
          Simple(L::MSTR_TEXT, count + 1);
        }
        return;
      }
      return Simple(L::MSTR_TEXT, e - b);
    }
    std::size_t e = b + 1;
    while (e < n_ && s_[e] != '\'' && !(interpolated && s_[e] == '$')) ++e;
    PushMultiLine(L::MSTR_TEXT, 0, b, e);
    pos_ = e;
  }

  std::string_view s_;
  std::size_t n_;
  std::size_t max_tokens_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::size_t line_start_ = 0;  // offset just after the last '\n' consumed
  Mode mode_ = Mode::Default;
  std::vector<Mode> modes_;            // ANTLR's mode stack
  std::vector<std::size_t> holes_;     // per open hole: '{' opened inside it and not yet closed
  std::vector<std::size_t> dollars_;   // '$' count of each open $'''...''' string, innermost last
  std::vector<LexToken> out_;
};

}  // namespace

auto Lex(std::string_view text, std::size_t max_tokens) -> std::vector<LexToken> {
  return Lexer{text, max_tokens}.Run();
}

}  // namespace bicepc::syntax
