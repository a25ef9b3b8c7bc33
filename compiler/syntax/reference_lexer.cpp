// The reference for the hand-written lexer: the lexer ANTLR generates from grammar/BicepLexer.g4,
// fed one symbol per byte as parser.cpp fed it before lexer.cpp existed. Only the differential
// test (tests/syntax/lexer_test.cpp) calls this, so the generated lexer and its static
// initializer are not linked into bicepc itself.
#include <algorithm>

#include "BicepLexer.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/lexer.h"

namespace bicepc::syntax::testing {
namespace {

class ReferenceByteStream final : public antlr4::CharStream {
 public:
  explicit ReferenceByteStream(std::string_view data) : data_{data} {}

  void consume() override {
    if (p_ < data_.size()) ++p_;
  }
  auto LA(ssize_t i) -> size_t override {
    if (i == 0) return 0;
    auto pos = static_cast<ssize_t>(p_) + (i < 0 ? i : i - 1);
    if (pos < 0 || pos >= static_cast<ssize_t>(data_.size())) return antlr4::IntStream::EOF;
    return static_cast<unsigned char>(data_[static_cast<std::size_t>(pos)]);
  }
  auto mark() -> ssize_t override { return -1; }
  void release(ssize_t) override {}
  auto index() -> size_t override { return p_; }
  void seek(size_t index) override { p_ = std::min(index, data_.size()); }
  auto size() -> size_t override { return data_.size(); }
  auto getSourceName() const -> std::string override { return "<bicep>"; }
  auto getText(const antlr4::misc::Interval& interval) -> std::string override {
    if (interval.a < 0 || interval.b < interval.a) return {};
    auto a = static_cast<std::size_t>(interval.a);
    auto b = std::min(static_cast<std::size_t>(interval.b), data_.size() - 1);
    if (a >= data_.size()) return {};
    return std::string{data_.substr(a, b - a + 1)};
  }
  auto toString() const -> std::string override { return std::string{data_}; }

 private:
  std::string_view data_;
  std::size_t p_ = 0;
};

}  // namespace

auto LexWithGeneratedLexer(std::string_view text) -> std::vector<ParserToken> {
  ReferenceByteStream input{text};
  bicepc::grammar::BicepLexer lexer{&input};
  lexer.removeErrorListeners();
  std::vector<ParserToken> out;
  while (true) {
    auto t = lexer.nextToken();
    out.push_back(ParserToken{t->getType(), t->getChannel(), t->getStartIndex(), t->getStopIndex(), t->getLine(),
                              t->getCharPositionInLine(), t->getText()});
    if (t->getType() == antlr4::Token::EOF) break;
  }
  return out;
}

auto TokenTypeName(std::size_t type) -> std::string {
  if (type == antlr4::Token::EOF) return "EOF";
  ReferenceByteStream input{{}};
  bicepc::grammar::BicepLexer lexer{&input};
  return lexer.getVocabulary().getSymbolicName(type);
}

}  // namespace bicepc::syntax::testing
