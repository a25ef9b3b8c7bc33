// The ANTLR adapter: the only translation unit that includes ANTLR headers.
//
// Parse() lexes the file once (a byte stream, so token indexes are byte offsets),
// pre-scans the tokens for lexer diagnostics, comments, pragmas and nesting depth,
// parses in two stages (SLL + bail, then LL + our error strategy on failure), and
// converts the ANTLR parse tree into our SyntaxTree before the parser (which owns
// the parse tree) is destroyed. Everything runs on a worker thread with a large stack
// as a second line of defence behind the nesting pre-scan.
#include <pthread.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "BicepLexer.h"
#include "BicepParser.h"
#include "antlr4-runtime.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/lexer.h"
#include "compiler/syntax/parse.h"

namespace bicepc::syntax {
namespace {

namespace g = bicepc::grammar;
using antlr4::ParserRuleContext;
using antlr4::Token;
using antlr4::tree::ParseTree;
using antlr4::tree::TerminalNode;
using diagnostics::DiagnosticKind;
using source::SourceRange;
using P = g::BicepParser;
using L = g::BicepLexer;

constexpr std::size_t kMaxIdentifierLength = 255;
constexpr std::size_t kParseThreadStackBytes = std::size_t{256} * 1024 * 1024;
constexpr std::string_view kAllowedEscapes = R"("\$", "\'", "\\", "\n", "\r", "\t", "\u{...}")";

// ---------------------------------------------------------------------------
// A CharStream over the file's bytes: one symbol per byte, so every index the
// lexer reports is a byte offset into SourceFile::text().
class ByteStream final : public antlr4::CharStream {
 public:
  explicit ByteStream(std::string_view data) : data_{data} {}

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

// Feeds the parser the tokens of the hand-written lexer (lexer.cpp), which are those of the
// lexer generated from grammar/BicepLexer.g4 (tests/syntax/lexer_test.cpp compares them).
class LexTokenSource final : public antlr4::TokenSource {
 public:
  // Lexes at most `max_tokens` + 1001 tokens: CappedTokenStream gives up before it asks for more.
  LexTokenSource(antlr4::CharStream* input, std::string_view text, std::size_t max_tokens)
      : input_{input}, tokens_{Lex(text, max_tokens > SIZE_MAX - 1001 ? SIZE_MAX : max_tokens + 1001)} {
    if (tokens_.empty() || tokens_.back().type != kLexEof) {
      auto end = static_cast<std::uint32_t>(text.size());
      tokens_.push_back(LexToken{kLexEof, 0, end, end, 0, 0});
    }
  }

  auto nextToken() -> std::unique_ptr<Token> override {
    const auto& t = tokens_[next_];
    if (next_ + 1 < tokens_.size()) ++next_;
    auto type = t.type == kLexEof ? Token::EOF : std::size_t{t.type};
    auto token = std::make_unique<antlr4::CommonToken>(std::pair<antlr4::TokenSource*, antlr4::CharStream*>{this, input_},
                                                       type, t.channel, t.begin, std::size_t{t.end} - 1);
    token->setLine(t.line);
    token->setCharPositionInLine(t.column);
    return token;
  }
  auto getLine() const -> size_t override { return tokens_[next_].line; }
  auto getCharPositionInLine() -> size_t override { return tokens_[next_].column; }
  auto getInputStream() -> antlr4::CharStream* override { return input_; }
  auto getSourceName() -> std::string override { return input_->getSourceName(); }
  auto getTokenFactory() -> antlr4::TokenFactory<antlr4::CommonToken>* override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

 private:
  antlr4::CharStream* input_;
  std::vector<LexToken> tokens_;
  std::size_t next_ = 0;
};

auto IsReal(const Token* t) -> bool {
  return t != nullptr && t->getStartIndex() != INVALID_INDEX && t->getTokenIndex() != INVALID_INDEX;
}

auto TokenText(std::string_view text, const Token* t) -> std::string_view {
  if (!IsReal(t) || t->getType() == Token::EOF) return {};
  auto b = t->getStartIndex();
  auto e = t->getStopIndex() + 1;
  if (e < b || b > text.size()) return {};
  return text.substr(b, std::min<std::size_t>(e, text.size()) - b);
}

// ---------------------------------------------------------------------------
// Parser error reporting: maps ANTLR's view of an error to official codes.
struct PendingError {
  DiagnosticKind kind;
  SourceRange range;
  std::vector<std::string> args;
};

class ErrorReporter {
 public:
  ErrorReporter(const source::SourceFile& file, diagnostics::DiagnosticSink& sink) : file_{file}, sink_{sink} {}

  void Emit(DiagnosticKind kind, SourceRange range, std::vector<std::string> args = {}) {
    auto size = static_cast<std::uint32_t>(file_.text().size());
    range.begin = std::min(range.begin, size);
    range.end = std::clamp(range.end, range.begin, size);
    for (const auto& [k, b] : emitted_) {
      if (k == kind && b == range.begin) return;  // one diagnostic per kind and place
    }
    emitted_.emplace_back(kind, range.begin);
    sink_.Emit(kind, file_, range, std::move(args));
  }
  auto file() const -> const source::SourceFile& { return file_; }
  auto error_count() const -> std::size_t { return emitted_.size(); }

 private:
  const source::SourceFile& file_;
  diagnostics::DiagnosticSink& sink_;
  std::vector<std::pair<DiagnosticKind, std::uint32_t>> emitted_;
};

auto TokenRange(const Token* t, std::size_t file_size) -> SourceRange {
  if (!IsReal(t)) return {};
  auto b = static_cast<std::uint32_t>(std::min<std::size_t>(t->getStartIndex(), file_size));
  auto e = t->getStopIndex() + 1;
  if (t->getType() == Token::EOF || e < t->getStartIndex()) return {b, b};
  return {b, static_cast<std::uint32_t>(std::min<std::size_t>(e, file_size))};
}

auto Has(const antlr4::misc::IntervalSet& set, std::size_t type) -> bool {
  return set.contains(static_cast<ssize_t>(type));
}

auto PunctuationText(std::size_t t) -> std::string_view {
  switch (t) {
    case L::ASSIGN: return "=";
    case L::COLON: return ":";
    case L::LPAREN: return "(";
    case L::RPAREN: return ")";
    case L::LBRACK: return "[";
    case L::RBRACK: return "]";
    case L::LBRACE: return "{";
    case L::RBRACE: return "}";
    case L::COMMA: return ",";
    case L::ARROW: return "=>";
    case L::DOT: return ".";
    case L::GT: return ">";
    default: return {};
  }
}

// The first error inside a recovery component, waiting for the component to recover (which
// decides its range, as the official parser reports it on the tokens it skipped).
struct Pending {
  DiagnosticKind kind;
  SourceRange range;  // where the error was found (zero-width at the offending token for insertions)
  std::vector<std::string> args;
  std::size_t offending = 0;  // token index
};

class BicepErrorStrategy final : public antlr4::DefaultErrorStrategy, public g::RecoveryListener {
 public:
  BicepErrorStrategy(ErrorReporter& reporter, antlr4::Parser& parser) : reporter_{reporter}, parser_{parser} {}

  // g::RecoveryListener
  auto Recovered(std::size_t start, std::size_t end, bool suppress) -> bool override {
    auto* stream = parser_.getTokenStream();
    bool skipped_nothing = true;
    for (auto i = start; i < end && skipped_nothing; ++i) {
      auto* t = stream->get(i);
      skipped_nothing = t->getChannel() != Token::DEFAULT_CHANNEL || t->getType() == Token::EOF;
    }
    auto pending = std::move(pending_);
    pending_.reset();
    // As officially, the error is reported on the token where it was found, not on what was skipped.
    if (pending && !suppress) reporter_.Emit(pending->kind, pending->range, std::move(pending->args));
    return skipped_nothing;
  }
  void DanglingDecorators(std::size_t first, std::size_t last) override {
    auto* stream = parser_.getTokenStream();
    auto size = reporter_.file().text().size();
    // from the first `@` to the end of the last decorator's last default-channel token
    while (last > first && stream->get(last)->getChannel() != Token::DEFAULT_CHANNEL) --last;
    while (last > first && stream->get(last)->getType() == L::NL) --last;
    SourceRange range{TokenRange(stream->get(first), size).begin, TokenRange(stream->get(last), size).end};
    // a resource-or-module decorator asks for one of those (BCP153)
    bool resource_only = false;
    for (auto i = first; i <= last && !resource_only; ++i) {
      auto* t = stream->get(i);
      resource_only = t->getType() == L::IDENTIFIER && t->getText() == "batchSize";
    }
    reporter_.Emit(resource_only ? DiagnosticKind::ExpectedResourceOrModuleAfterDecorator
                                 : DiagnosticKind::ExpectedDeclarationAfterDecorator,
                   range);
  }
  void MissingSeparator() override {
    auto* t = parser_.getCurrentToken();
    auto at = TokenRange(t, reporter_.file().text().size()).begin;
    reporter_.Emit(DiagnosticKind::UnexpectedNewLineAfterComma, {at, at});
  }
  void Missing(int what) override {
    auto* t = parser_.getCurrentToken();
    auto size = reporter_.file().text().size();
    auto range = TokenRange(t, size);
    DiagnosticKind kind = DiagnosticKind::SyntaxError;
    switch (what) {
      case P::kWhatTypeExpression: kind = DiagnosticKind::UnrecognizedTypeExpression; break;
      case P::kWhatParamContinuation: kind = DiagnosticKind::ExpectedParameterContinuation; break;
      case P::kWhatResourceType: kind = DiagnosticKind::ExpectedResourceTypeString; break;
      case P::kWhatModulePath: kind = DiagnosticKind::ExpectedModulePathString; break;
      case P::kWhatTestPath: kind = DiagnosticKind::ExpectedTestPathString; break;
      case P::kWhatBodyOrIfOrLoop: kind = DiagnosticKind::ExpectBodyStartOrIfOrLoopStart; break;
      case P::kWhatBodyOrIf: kind = DiagnosticKind::ExpectBodyStartOrIf; break;
      case P::kWhatPropertyName: kind = DiagnosticKind::ExpectedPropertyName; break;
      case P::kWhatExpression: kind = DiagnosticKind::ExpectedLiteralValue; break;
      case P::kWhatDecoratorName: kind = DiagnosticKind::ExpectedNamespaceOrDecoratorName; break;
      default: break;
    }
    Record(kind, range, {}, t);
  }

 protected:
  void reportNoViableAlternative(antlr4::Parser* p, const antlr4::NoViableAltException& e) override {
    Report(p, e.getOffendingToken(), p->getExpectedTokens());
  }
  void reportInputMismatch(antlr4::Parser* p, const antlr4::InputMismatchException& e) override {
    Report(p, e.getOffendingToken(), e.getExpectedTokens());
  }
  void reportFailedPredicate(antlr4::Parser* p, const antlr4::FailedPredicateException& e) override {
    Report(p, e.getOffendingToken(), p->getExpectedTokens());
  }
  void reportUnwantedToken(antlr4::Parser* p) override {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    Report(p, p->getCurrentToken(), getExpectedTokens(p));
  }
  void reportMissingToken(antlr4::Parser* p) override {
    if (inErrorRecoveryMode(p)) return;
    beginErrorCondition(p);
    Report(p, p->getCurrentToken(), getExpectedTokens(p));
  }
  // Inside a statement, the first error aborts the innermost recovery component (the grammar's
  // component rules catch ComponentError and skip to their terminators), as the official parser's
  // WithRecovery does. No single-token insertion or deletion: they would happily skip newlines
  // that end declarations.
  void recover(antlr4::Parser* p, std::exception_ptr e) override {
    if (InStatement(p)) throw g::ComponentError{};
    antlr4::DefaultErrorStrategy::recover(p, e);
  }
  auto recoverInline(antlr4::Parser* p) -> Token* override {
    if (InStatement(p)) {
      antlr4::InputMismatchException e{p};
      reportError(p, e);
      throw g::ComponentError{};
    }
    return antlr4::DefaultErrorStrategy::recoverInline(p);
  }
  // Inside statements the components recover; no resynchronisation at loop entries.
  void sync(antlr4::Parser* p) override {
    if (InStatement(p)) return;
    antlr4::DefaultErrorStrategy::sync(p);
  }
  auto singleTokenDeletion(antlr4::Parser* p) -> Token* override {
    if (InStatement(p) || p->getInputStream()->LA(1) == L::NL) return nullptr;
    return antlr4::DefaultErrorStrategy::singleTokenDeletion(p);
  }

 private:
  static auto InStatement(antlr4::Parser* p) -> bool {
    for (auto* c = p->getContext(); c != nullptr; c = dynamic_cast<ParserRuleContext*>(c->parent)) {
      auto rule = c->getRuleIndex();
      if (rule == P::RuleStatement || rule == P::RuleParamsStatement) return true;
    }
    return false;
  }
  // Inside a statement the first error is kept until its component recovers; elsewhere it is emitted.
  void Record(DiagnosticKind kind, SourceRange range, std::vector<std::string> args, const Token* offending) {
    if (!InStatement(&parser_)) {
      reporter_.Emit(kind, range, std::move(args));
      return;
    }
    if (pending_) return;
    // a newline is reported as a zero-width position at the end of its line
    if (IsReal(offending) && offending->getType() == L::NL) range.end = range.begin;
    pending_ = Pending{kind, range, std::move(args), IsReal(offending) ? offending->getTokenIndex() : 0};
  }
  void Report(antlr4::Parser* p, Token* offending, const antlr4::misc::IntervalSet& expected) {
    Emitter emit{*this, offending};
    Classify(p, offending, expected, emit);
  }
  // Collects the classification of one error as a pending record.
  struct Emitter {
    BicepErrorStrategy& self;
    const Token* offending;
    void Emit(DiagnosticKind kind, SourceRange range, std::vector<std::string> args = {}) {
      self.Record(kind, range, std::move(args), offending);
    }
  };
  void Classify(antlr4::Parser* p, Token* offending, const antlr4::misc::IntervalSet& expected, Emitter& reporter) {
    auto size = reporter_.file().text().size();
    auto range = TokenRange(offending, size);
    auto type = IsReal(offending) ? offending->getType() : Token::EOF;
    auto at_start = SourceRange{range.begin, range.begin};
    auto* ctx = p->getContext();
    auto rule = ctx != nullptr ? ctx->getRuleIndex() : INVALID_INDEX;
    if (rule == P::RuleIdentifier && ctx->parent != nullptr) {
      auto* parent = static_cast<ParserRuleContext*>(ctx->parent);
      rule = parent->getRuleIndex();
      if (rule == P::RuleDeclName) {
        reporter.Emit(NameKind(static_cast<P::DeclNameContext*>(parent)->what), TokenRange(offending, size));
        return;
      }
    }
    auto* prev = p->getTokenStream()->LT(-1);
    bool prev_is_nl = IsReal(prev) && prev->getType() == L::NL;

    if (rule == P::RuleDeclaration || rule == P::RuleParamsDeclaration) {
      // decorators at the end of the file: officially a declaration that is missing, without an error
      if (offending != nullptr && offending->getType() == Token::EOF) return;
      reporter.Emit(rule == P::RuleParamsDeclaration ? DiagnosticKind::UnrecognizedParamsDeclaration
                                                      : DiagnosticKind::UnrecognizedDeclaration,
                     range);
      return;
    }
    if (rule == P::RuleForVariables || (rule == P::RuleLocalVariable && Has(expected, L::LPAREN))) {
      reporter.Emit(DiagnosticKind::ExpectedLoopItemIdentifierOrVariableBlockStart, at_start);
      return;
    }
    if (!Has(expected, L::IDENTIFIER) && (Has(expected, L::FOR) || Has(expected, L::IN) || Has(expected, L::WITH))) {
      reporter.Emit(DiagnosticKind::ExpectedKeyword, TokenRange(offending, size),
                    {Has(expected, L::FOR) ? "for" : Has(expected, L::IN) ? "in" : "with"});
      return;
    }
    bool wants_nl = Has(expected, L::NL);
    bool wants_eof = Has(expected, Token::EOF);
    if (rule == P::RuleStatement || rule == P::RuleParamsStatement || (wants_nl && wants_eof)) {
      reporter.Emit(DiagnosticKind::ExpectedNewLine, range);
      return;
    }
    // a repeated comma: an item was expected
    const Token* before = nullptr;  // the default-channel token before the offending one
    if (IsReal(offending)) {
      auto* stream = p->getTokenStream();
      for (auto i = offending->getTokenIndex(); i > 0; --i) {
        auto* t = stream->get(i - 1);
        if (t->getChannel() == Token::DEFAULT_CHANNEL) {
          before = t;
          break;
        }
      }
    }
    if (type == L::COMMA && before != nullptr && before->getType() == L::COMMA) {
      if (rule == P::RuleObject || rule == P::RuleTypeObject || rule == P::RuleImportedSymbols) {
        reporter.Emit(DiagnosticKind::ExpectedPropertyName, range);
      } else {
        reporter.Emit(DiagnosticKind::ExpectedLiteralValue, range);
      }
      return;
    }
    if ((rule == P::RuleObject || rule == P::RuleArray || rule == P::RuleTypeObject || rule == P::RuleTypeTuple ||
         rule == P::RuleImportedSymbols) &&
        Has(expected, L::COMMA)) {
      reporter.Emit(DiagnosticKind::UnexpectedNewLineAfterComma, at_start);
      return;
    }
    if ((rule == P::RuleArguments || rule == P::RuleFunctionCall || rule == P::RuleExpression) &&
        Has(expected, L::RPAREN) && !Has(expected, L::IDENTIFIER)) {
      reporter.Emit(prev_is_nl ? DiagnosticKind::ExpectedCommaSeparator : DiagnosticKind::UnexpectedNewLineAfterComma,
                     at_start);
      return;
    }
    if (rule == P::RuleObjectItem || rule == P::RuleTypeObjectItem) {
      if (Has(expected, L::COLON) && !Has(expected, L::IDENTIFIER)) {
        reporter.Emit(DiagnosticKind::ExpectedCharacter, at_start, {":"});
      } else {
        reporter.Emit(DiagnosticKind::ExpectedPropertyName, range);
      }
      return;
    }
    if (Has(expected, L::INTEGER) || Has(expected, L::STR_OPEN)) {
      reporter.Emit(DiagnosticKind::ExpectedLiteralValue, range);
      return;
    }
    if (Has(expected, L::IDENTIFIER)) {
      if (rule == P::RuleExpression) {
        reporter.Emit(DiagnosticKind::ExpectedFunctionOrPropertyName, range);
      } else if (rule == P::RuleParamDecl || rule == P::RuleParamAssignment) {
        reporter.Emit(DiagnosticKind::ExpectedIdentifier, range);
      } else if (rule == P::RuleVarDecl || rule == P::RuleTypedLambda || rule == P::RuleTypedLocalVariable) {
        // (a typed lambda's parameter names too, as the official TypedLocalVariable)
        reporter.Emit(DiagnosticKind::ExpectedVariableIdentifier, range);
      } else {
        reporter.Emit(DiagnosticKind::ExpectedVariableOrFunctionName, range);
      }
      return;
    }
    // A single expected punctuation character.
    auto list = expected.toList();
    for (auto t : list) {
      auto text = PunctuationText(t);
      if (!text.empty()) {
        reporter.Emit(DiagnosticKind::ExpectedCharacter, at_start, {std::string{text}});
        return;
      }
    }
    reporter.Emit(DiagnosticKind::SyntaxError, range,
                   {fmt::format("unexpected \"{}\"", TokenText(reporter_.file().text(), offending))});
  }

  static auto NameKind(int what) -> DiagnosticKind {
    switch (what) {
      case P::kWhatParam: return DiagnosticKind::ExpectedIdentifier;
      case P::kWhatVar: return DiagnosticKind::ExpectedVariableIdentifier;
      case P::kWhatOutput: return DiagnosticKind::ExpectedOutputIdentifier;
      case P::kWhatResource: return DiagnosticKind::ExpectedResourceIdentifier;
      case P::kWhatModule: return DiagnosticKind::ExpectedModuleIdentifier;
      case P::kWhatType: return DiagnosticKind::ExpectedTypeIdentifier;
      case P::kWhatMetadata: return DiagnosticKind::ExpectedMetadataIdentifier;
      case P::kWhatAssert: return DiagnosticKind::ExpectedAssertIdentifier;
      case P::kWhatTest: return DiagnosticKind::ExpectedTestIdentifier;
      case P::kWhatExtensionAlias: return DiagnosticKind::ExpectedExtensionAliasName;
      default: return DiagnosticKind::ExpectedVariableOrFunctionName;
    }
  }

  ErrorReporter& reporter_;
  antlr4::Parser& parser_;
  std::optional<Pending> pending_;
};

// ---------------------------------------------------------------------------
// Token pre-scan: lexer diagnostics, comments, pragmas, nesting depth.
auto ParsePragma(std::string_view text, SourceRange range) -> Pragma {
  Pragma p{PragmaKind::DisableNextLine, range, {}};
  auto rest = text.substr(1);
  constexpr std::string_view kNames[] = {"disable-next-line", "disable-diagnostics", "restore-diagnostics"};
  constexpr PragmaKind kKinds[] = {PragmaKind::DisableNextLine, PragmaKind::DisableDiagnostics,
                                   PragmaKind::RestoreDiagnostics};
  for (std::size_t i = 0; i < 3; ++i) {
    if (rest.starts_with(kNames[i])) {
      p.kind = kKinds[i];
      rest.remove_prefix(kNames[i].size());
      break;
    }
  }
  std::size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
    auto b = i;
    while (i < rest.size() && rest[i] != ' ' && rest[i] != '\t') ++i;
    if (i > b) p.codes.emplace_back(rest.substr(b, i - b));
  }
  return p;
}

// Returns the maximum nesting depth found, counting brackets, string holes, and runs
// of prefix operators, ternaries and lambda arrows (which recurse in the parser too).
struct Nesting {
  std::size_t depth = 0;        // the maximum depth found
  std::size_t first_over = 0;   // byte offset of the first token deeper than `limit`
};
auto NestingDepth(const std::vector<Token*>& tokens, std::size_t limit) -> Nesting {
  std::vector<std::size_t> extra{0};  // per open bracket: recursion added by operators at that level
  std::size_t depth = 0;
  std::size_t max_depth = 0;
  std::size_t prev = L::NL;
  std::size_t first_over = 0;
  bool over = false;
  const Token* current = nullptr;
  auto note = [&] {
    max_depth = std::max(max_depth, depth);
    if (depth > limit && !over) {
      over = true;
      first_over = current->getStartIndex();
    }
  };
  auto bump = [&] {
    ++extra.back();
    ++depth;
    note();
  };
  for (auto* t : tokens) {
    if (t->getChannel() != Token::DEFAULT_CHANNEL) continue;
    auto type = t->getType();
    current = t;
    switch (type) {
      case L::LPAREN: case L::LBRACK: case L::LBRACE: case L::HOLE_OPEN:
        extra.push_back(0);
        ++depth;
        note();
        break;
      case L::RPAREN: case L::RBRACK: case L::RBRACE:
        if (extra.size() > 1) {
          depth -= extra.back() + 1;
          extra.pop_back();
        }
        break;
      case L::STR_UNTERMINATED:
        if (extra.size() > 1 && prev != L::STR_UNTERMINATED) {
          depth -= extra.back() + 1;
          extra.pop_back();
        }
        break;
      case L::NL: case L::COMMA:
        depth -= extra.back();
        extra.back() = 0;
        break;
      case L::QUESTION:
        if (prev != L::DOT && prev != L::LBRACK) bump();  // not .? or [?
        break;
      case L::ARROW:
        bump();
        break;
      case L::EXCL: case L::MINUS:
        // prefix position: after an operator, an opener, a separator or at the start
        if (!(prev == L::IDENTIFIER || prev == L::INTEGER || prev == L::RPAREN || prev == L::RBRACK ||
              prev == L::RBRACE || prev == L::STR_CLOSE || prev == L::MSTR_CLOSE || prev == L::TRUE_KW ||
              prev == L::FALSE_KW || prev == L::NULL_KW || prev == L::EXCL || (prev >= L::TARGET_SCOPE &&
              prev <= L::NONE))) {
          bump();
        } else if (type == L::EXCL && prev == L::EXCL) {
          bump();
        }
        break;
      default:
        break;
    }
    prev = type;
  }
  return {max_depth, first_over};
}

// ---------------------------------------------------------------------------
// Parse tree → SyntaxTree.

// Cheap type tests on the ANTLR tree, instead of dynamic_cast (which walks the class hierarchy and
// compares type names: a tenth of the parse time). A child of a rule context is either a terminal
// (TerminalNodeImpl, or ErrorNodeImpl after an error) or a rule context; labelled alternatives are
// leaf classes, so an exact typeid comparison identifies them.
auto IsTerminal(const antlr4::tree::ParseTree* t) -> bool {
  const auto& type = typeid(*t);
  return type == typeid(antlr4::tree::TerminalNodeImpl) || type == typeid(antlr4::tree::ErrorNodeImpl);
}
auto AsRule(antlr4::tree::ParseTree* t) -> ParserRuleContext* {
  return t == nullptr || IsTerminal(t) ? nullptr : static_cast<ParserRuleContext*>(t);
}
template <typename Leaf>
auto As(ParserRuleContext* ctx) -> Leaf* {
  return ctx != nullptr && typeid(*ctx) == typeid(Leaf) ? static_cast<Leaf*>(ctx) : nullptr;
}

class Converter {
 public:
  Converter(SyntaxTree& tree, ErrorReporter& reporter, const ParseOptions& options)
      : tree_{tree}, reporter_{reporter}, text_{reporter.file().text()}, options_{options} {}

  auto Program(ParserRuleContext* ctx) -> NodeId {
    std::vector<NodeId> statements;
    for (auto* child : ctx->children) {
      auto* rc = AsRule(child);
      if (rc == nullptr) continue;
      switch (rc->getRuleIndex()) {
        case P::RuleStatement:
        case P::RuleParamsStatement:
          statements.push_back(Statement(rc));
          break;
        case P::RuleInvalidStatement: {
          auto r = CtxRange(rc);
          reporter_.Emit(options_.kind == FileKind::BicepParam ? DiagnosticKind::UnrecognizedParamsDeclaration
                                                               : DiagnosticKind::UnrecognizedDeclaration,
                         TokenRange(rc->getStart(), text_.size()));
          statements.push_back(Make(NodeKind::Error, r));
          break;
        }
        default:
          break;
      }
    }
    return Make(NodeKind::Program, {0, static_cast<std::uint32_t>(text_.size())}, statements);
  }

 private:
  // ---- helpers ----
  auto Make(NodeKind kind, SourceRange range, std::span<const NodeId> kids = {}, std::uint8_t flags = 0) -> NodeId {
    std::uint32_t depth = 0;
    for (auto k : kids) {
      if (k) depth = std::max(depth, depths_[k.index]);
    }
    ++depth;
    if (depth > options_.max_tree_depth) {
      if (!too_deep_reported_) {
        too_deep_reported_ = true;
        reporter_.Emit(DiagnosticKind::NestingTooDeep, range, {std::to_string(options_.max_tree_depth)});
      }
      kind = NodeKind::Error;
      kids = {};
      flags = 0;
      depth = 1;
    }
    auto id = tree_.Add(kind, range, kids, flags);
    depths_.push_back(depth);
    return id;
  }
  auto Make(NodeKind kind, SourceRange range, std::initializer_list<NodeId> kids, std::uint8_t flags = 0) -> NodeId {
    return Make(kind, range, std::span<const NodeId>{kids.begin(), kids.size()}, flags);
  }
  auto MakeText(NodeKind kind, SourceRange range, std::string_view text) -> NodeId {
    auto id = Make(kind, range);
    tree_.SetText(id, tree_.AddText(std::string{text}));
    return id;
  }
  auto Size() const -> std::size_t { return text_.size(); }
  auto TRange(const Token* t) const -> SourceRange { return TokenRange(t, Size()); }
  auto CtxRange(ParserRuleContext* ctx) const -> SourceRange {
    if (ctx == nullptr) return {};
    auto* start = ctx->getStart();
    auto* stop = ctx->getStop();
    auto b = TRange(start).begin;
    if (!IsReal(stop) || !IsReal(start) || stop->getTokenIndex() < start->getTokenIndex()) return {b, b};
    auto e = TRange(stop).end;
    return {b, std::max(b, e)};
  }
  static auto Join(SourceRange a, SourceRange b) -> SourceRange {
    return {std::min(a.begin, b.begin), std::max(a.end, b.end)};
  }
  auto ErrorAt(SourceRange r) -> NodeId { return Make(NodeKind::Error, r); }
  auto ErrorAfter(ParserRuleContext* ctx) -> NodeId {
    if (ctx == nullptr) return Make(NodeKind::Error, {});
    auto r = CtxRange(ctx);
    return Make(NodeKind::Error, {r.end, r.end});
  }

  static auto Term(ParseTree* t) -> Token* {
    return t != nullptr && IsTerminal(t) ? static_cast<TerminalNode*>(t)->getSymbol() : nullptr;
  }
  static auto Rule(ParseTree* t, std::size_t rule) -> ParserRuleContext* {
    auto* rc = AsRule(t);
    return rc != nullptr && rc->getRuleIndex() == rule ? rc : nullptr;
  }
  // The first child context of `rule`, starting at child index `from`.
  static auto Find(ParserRuleContext* ctx, std::size_t rule, std::size_t from = 0) -> ParserRuleContext* {
    if (ctx == nullptr) return nullptr;
    for (std::size_t i = from; i < ctx->children.size(); ++i) {
      if (auto* rc = Rule(ctx->children[i], rule)) return rc;
    }
    return nullptr;
  }
  static auto FindAll(ParserRuleContext* ctx, std::size_t rule) -> std::vector<ParserRuleContext*> {
    std::vector<ParserRuleContext*> out;
    if (ctx == nullptr) return out;
    for (auto* c : ctx->children) {
      if (auto* rc = Rule(c, rule)) out.push_back(rc);
    }
    return out;
  }
  static auto FindTok(ParserRuleContext* ctx, std::size_t type) -> Token* {
    if (ctx == nullptr) return nullptr;
    for (auto* c : ctx->children) {
      auto* t = Term(c);
      if (IsReal(t) && t->getType() == type) return t;
    }
    return nullptr;
  }

  // ---- declarations ----
  auto Statement(ParserRuleContext* ctx) -> NodeId {
    auto decorators = FindAll(ctx, P::RuleDecorator);
    auto* decl = Find(ctx, P::RuleDeclaration);
    if (decl == nullptr) decl = Find(ctx, P::RuleParamsDeclaration);
    ParserRuleContext* inner = nullptr;
    if (decl != nullptr && !decl->children.empty()) inner = AsRule(decl->children[0]);
    if (inner == nullptr) {
      auto r = CtxRange(ctx);
      return Make(NodeKind::Error, r);
    }
    return Declaration(inner, decorators);
  }

  auto Decorators(const std::vector<ParserRuleContext*>& decorators, std::uint32_t at) -> NodeId {
    std::vector<NodeId> kids;
    SourceRange range{at, at};
    bool first = true;
    for (auto* d : decorators) {
      auto* at_tok = FindTok(d, L::AT);
      auto* inner = Find(d, P::RuleDecoratorExpression);
      auto* e = Find(inner != nullptr ? inner : d, P::RuleExpression);
      auto after_at = at_tok != nullptr ? TRange(at_tok).end : CtxRange(d).begin;
      auto expr = e != nullptr ? Expr(e) : Make(NodeKind::Error, {after_at, after_at});
      auto r = Join(TRange(at_tok), tree_.range(expr));
      kids.push_back(Make(NodeKind::Decorator, r, {expr}));
      range = first ? r : Join(range, r);
      first = false;
    }
    return Make(NodeKind::Decorators, range, kids);
  }

  auto Name(ParserRuleContext* ident) -> NodeId {
    if (ident == nullptr || ident->children.empty()) return ErrorAfter(ident);
    auto* t = Term(ident->children[0]);
    if (!IsReal(t)) return ErrorAfter(ident);
    return MakeText(NodeKind::Identifier, TRange(t), TokenText(text_, t));  // BCP024 comes from the token scan
  }
  auto NameOrError(ParserRuleContext* ctx, std::size_t from = 0) -> NodeId {
    auto* ident = Find(ctx, P::RuleIdentifier, from);
    return ident != nullptr ? Name(ident) : ErrorAfter(ctx);
  }
  auto ExprOrError(ParserRuleContext* parent, std::size_t from = 0) -> NodeId {
    auto* e = Find(parent, P::RuleExpression, from);
    return e != nullptr ? Expr(e) : ErrorAfter(parent);
  }
  auto TypeOrError(ParserRuleContext* parent, std::size_t from = 0) -> NodeId {
    auto* t = Find(parent, P::RuleTypeExpression, from);
    return t != nullptr ? Type(t) : ErrorAfter(parent);
  }
  auto StringOrError(ParserRuleContext* parent, std::size_t from = 0) -> NodeId {
    auto* s = Find(parent, P::RuleString, from);
    if (s != nullptr) return String(s);
    if (auto* failed = Find(parent, P::RuleDeclString, from)) return ErrorAt(CtxRange(failed));  // what was skipped
    return ErrorAfter(parent);
  }
  auto ObjectOrNone(ParserRuleContext* parent) -> NodeId {
    auto* o = Find(parent, P::RuleObject);
    return o != nullptr ? Object(o) : NodeId{};
  }
  // Index of the first child that is the token `type`, or children.size().
  static auto IndexOfTok(ParserRuleContext* ctx, std::size_t type) -> std::size_t {
    for (std::size_t i = 0; i < ctx->children.size(); ++i) {
      auto* t = Term(ctx->children[i]);
      if (t != nullptr && t->getType() == type) return i;
    }
    return ctx->children.size();
  }

  auto Declaration(ParserRuleContext* ctx, const std::vector<ParserRuleContext*>& decorator_ctxs) -> NodeId {
    auto range = CtxRange(ctx);
    auto decorators = Decorators(decorator_ctxs, range.begin);
    if (!decorator_ctxs.empty()) range = Join(range, tree_.range(decorators));
    switch (ctx->getRuleIndex()) {
      case P::RuleTargetScopeDecl:
        return Make(NodeKind::TargetScopeDecl, range, {decorators, ExprOrError(ctx)});
      case P::RuleMetadataDecl:
        return Make(NodeKind::MetadataDecl, range, {decorators, NameOrError(ctx), ExprOrError(ctx)});
      case P::RuleParamDecl: {
        auto name = NameOrError(ctx);
        NodeId type;
        if (auto* ref = Find(ctx, P::RuleResourceTypeRef)) {
          auto* s = Find(ref, P::RuleString);
          type = Make(NodeKind::ResourceTypeRef, CtxRange(ref), {s != nullptr ? String(s) : NodeId{}});
        } else {
          type = TypeOrError(ctx);
        }
        NodeId value;
        if (auto* e = Find(ctx, P::RuleExpression)) value = Expr(e);
        return Make(NodeKind::ParamDecl, range, {decorators, name, type, value});
      }
      case P::RuleVarDecl:
      case P::RuleParamAssignment: {
        auto name = NameOrError(ctx);
        NodeId type;
        if (auto* t = Find(ctx, P::RuleTypeExpression)) type = Type(t);
        auto kind = ctx->getRuleIndex() == P::RuleVarDecl ? NodeKind::VarDecl : NodeKind::ParamAssignment;
        return Make(kind, range, {decorators, name, type, ExprOrError(ctx)});
      }
      case P::RuleResourceDecl:
      case P::RuleModuleDecl: {
        auto name = NameOrError(ctx);
        auto type = StringOrError(ctx);
        auto* body = Find(ctx, P::RuleResourceBody);
        auto value = body != nullptr ? ResourceBody(body) : ErrorAfter(ctx);
        bool existing = FindTok(ctx, L::EXISTING) != nullptr;
        auto kind = ctx->getRuleIndex() == P::RuleResourceDecl ? NodeKind::ResourceDecl : NodeKind::ModuleDecl;
        return Make(kind, range, {decorators, name, type, value}, existing ? 1 : 0);
      }
      case P::RuleOutputDecl: {
        auto name = NameOrError(ctx);
        NodeId type;
        if (auto* ref = Find(ctx, P::RuleResourceTypeRef)) {
          auto* s = Find(ref, P::RuleString);
          type = Make(NodeKind::ResourceTypeRef, CtxRange(ref), {s != nullptr ? String(s) : NodeId{}});
        } else {
          type = TypeOrError(ctx);
        }
        return Make(NodeKind::OutputDecl, range, {decorators, name, type, ExprOrError(ctx)});
      }
      case P::RuleTypeDecl:
        return Make(NodeKind::TypeDecl, range, {decorators, NameOrError(ctx), TypeOrError(ctx)});
      case P::RuleFuncDecl: {
        auto name = NameOrError(ctx);
        auto* lambda = Find(ctx, P::RuleTypedLambda);
        return Make(NodeKind::FuncDecl, range, {decorators, name, lambda ? TypedLambda(lambda) : ErrorAfter(ctx)});
      }
      case P::RuleImportDecl: {
        if (auto* symbols = Find(ctx, P::RuleImportedSymbols)) {
          return Make(NodeKind::ImportDecl, range, {decorators, ImportedSymbols(symbols), StringOrError(ctx)});
        }
        if (auto* wildcard = Find(ctx, P::RuleWildcardImport)) {
          auto w = Make(NodeKind::WildcardImport, CtxRange(wildcard), {NameOrError(wildcard)});
          return Make(NodeKind::ImportDecl, range, {decorators, w, StringOrError(ctx)});
        }
        // legacy `import 'spec' [with {...}] [as alias]`: an extension declaration
        auto spec = StringOrError(ctx);
        auto config = ObjectOrNone(ctx);
        NodeId alias;
        if (auto* a = Find(ctx, P::RuleIdentifier)) alias = Name(a);
        return Make(NodeKind::ExtensionDecl, range, {decorators, spec, config, alias});
      }
      case P::RuleExtensionDecl: {
        NodeId spec;
        std::size_t as_index = IndexOfTok(ctx, L::AS);
        auto* first = ctx->children.size() > 1 ? AsRule(ctx->children[1]) : nullptr;
        if (first != nullptr && first->getRuleIndex() == P::RuleIdentifier) {
          spec = Name(first);
        } else if (first != nullptr && first->getRuleIndex() == P::RuleString) {
          spec = String(first);
        } else {
          spec = ErrorAfter(ctx);
        }
        auto config = ObjectOrNone(ctx);
        NodeId alias;
        if (as_index < ctx->children.size()) {
          if (auto* a = Find(ctx, P::RuleIdentifier, as_index)) alias = Name(a);
        }
        return Make(NodeKind::ExtensionDecl, range, {decorators, spec, config, alias});
      }
      case P::RuleAssertDecl:
        return Make(NodeKind::AssertDecl, range, {decorators, NameOrError(ctx), ExprOrError(ctx)});
      case P::RuleTestDecl: {
        auto* body = Find(ctx, P::RuleObject);
        return Make(NodeKind::TestDecl, range,
                    {decorators, NameOrError(ctx), StringOrError(ctx), body != nullptr ? Object(body) : ErrorAfter(ctx)});
      }
      case P::RuleUsingDecl: {
        NodeId path;
        if (auto* none = FindTok(ctx, L::NONE)) {
          path = Make(NodeKind::NoneKeyword, TRange(none));
        } else {
          path = StringOrError(ctx);
        }
        return Make(NodeKind::UsingDecl, range, {path, ObjectOrNone(ctx)});
      }
      case P::RuleExtendsDecl:
        return Make(NodeKind::ExtendsDecl, range, {StringOrError(ctx)});
      case P::RuleExtensionConfigAssignment: {
        auto name = NameOrError(ctx);
        auto* o = Find(ctx, P::RuleObject);
        return Make(NodeKind::ExtensionConfigAssignment, range,
                    {decorators, name, o != nullptr ? Object(o) : ErrorAfter(ctx)});
      }
      default:
        return Make(NodeKind::Error, range);
    }
  }

  auto ImportedSymbols(ParserRuleContext* ctx) -> NodeId {
    CheckSeparators(ctx);
    std::vector<NodeId> kids;
    for (auto* sym : FindAll(ctx, P::RuleImportedSymbol)) {
      NodeId name;
      NodeId alias;
      std::size_t as_index = IndexOfTok(sym, L::AS);
      if (auto* s = Find(sym, P::RuleString)) {
        name = String(s);
      } else if (auto* id = Find(sym, P::RuleIdentifier)) {
        name = Name(id);
      } else {
        name = ErrorAfter(sym);
      }
      if (as_index < sym->children.size()) {
        auto* a = Find(sym, P::RuleIdentifier, as_index);
        alias = a != nullptr ? Name(a) : ErrorAfter(sym);
      }
      kids.push_back(Make(NodeKind::ImportedSymbol, CtxRange(sym), {name, alias}));
    }
    return Make(NodeKind::ImportedSymbols, CtxRange(ctx), kids);
  }

  auto ResourceBody(ParserRuleContext* ctx) -> NodeId {
    if (auto* c = Find(ctx, P::RuleIfCondition)) return IfCondition(c);
    if (auto* f = Find(ctx, P::RuleForExpression)) return ForExpression(f);
    if (auto* o = Find(ctx, P::RuleObject)) return Object(o);
    return ErrorAt(CtxRange(ctx));
  }

  auto IfCondition(ParserRuleContext* ctx) -> NodeId {
    auto* paren = Find(ctx, P::RuleParenthesizedExpression);
    auto cond = paren != nullptr ? ParenInner(paren) : ErrorAfter(ctx);
    auto* o = Find(ctx, P::RuleObject);
    return Make(NodeKind::IfCondition, CtxRange(ctx), {cond, o != nullptr ? Object(o) : ErrorAfter(ctx)});
  }

  auto ForExpression(ParserRuleContext* ctx) -> NodeId {
    NodeId item;
    NodeId index;
    bool bad_block = false;
    if (auto* vars = Find(ctx, P::RuleForVariables)) {
      auto locals = FindAll(vars, P::RuleLocalVariable);
      if (FindTok(vars, L::LPAREN) != nullptr && locals.size() != 2) {
        // the official parser skips the whole block; the loop's iterable is then not checked
        reporter_.Emit(DiagnosticKind::ExpectedLoopVariableBlockWith2Elements, CtxRange(vars),
                       {std::to_string(locals.size())});
        bad_block = true;
      }
      if (!locals.empty()) item = LocalVariable(locals[0]);
      if (locals.size() > 1) index = LocalVariable(locals[1]);
    }
    if (!item) item = ErrorAfter(ctx);
    auto iterable = bad_block ? ErrorAfter(ctx) : ExprOrError(ctx);
    NodeId body;
    if (auto* b = Find(ctx, P::RuleForBody)) {
      if (auto* c = Find(b, P::RuleIfCondition)) {
        body = IfCondition(c);
      } else {
        body = ExprOrError(b);
      }
    } else {
      body = ErrorAfter(ctx);
    }
    return Make(NodeKind::ForExpr, CtxRange(ctx), {item, index, iterable, body});
  }

  auto LocalVariable(ParserRuleContext* ctx) -> NodeId {
    auto* ident = Find(ctx, P::RuleIdentifier);
    if (ident == nullptr || ident->children.empty()) return ErrorAfter(ctx);
    auto* t = ident->getStart();
    return MakeText(NodeKind::LocalVariable, TRange(t), TokenText(text_, t));
  }

  auto TypedLambda(ParserRuleContext* ctx) -> NodeId {
    std::vector<NodeId> kids;
    for (auto* v : FindAll(ctx, P::RuleTypedLocalVariable)) {
      auto* id = Find(v, P::RuleIdentifier);
      auto type = TypeOrError(v);
      auto node = Make(NodeKind::TypedLocalVariable, CtxRange(v), {type});
      if (id != nullptr) tree_.SetText(node, tree_.AddText(std::string{TokenText(text_, id->getStart())}));
      kids.push_back(node);
    }
    kids.push_back(TypeOrError(ctx));
    kids.push_back(ExprOrError(ctx));
    return Make(NodeKind::TypedLambda, CtxRange(ctx), kids);
  }

  // BCP238: a comma followed by a newline inside {...} or [...].
  void CheckSeparators(ParserRuleContext* ctx) {
    for (auto* c : ctx->children) {
      auto* sep = Rule(c, P::RuleSeparator);
      if (sep == nullptr || sep->children.size() < 2) continue;
      auto* comma = Term(sep->children[0]);
      if (IsReal(comma) && comma->getType() == L::COMMA) {
        auto end = TRange(comma).end;
        reporter_.Emit(DiagnosticKind::UnexpectedCommaSeparator, {end, end});
      }
    }
  }

  // ---- expressions ----
  auto Object(ParserRuleContext* ctx) -> NodeId {
    CheckSeparators(ctx);
    std::vector<NodeId> kids;
    for (auto* c : ctx->children) {
      auto* item = Rule(c, P::RuleObjectItem);
      if (item == nullptr) item = Rule(c, P::RuleBareObjectItem);
      if (item == nullptr) continue;
      if (FindTok(item, L::ELLIPSIS) != nullptr) {
        kids.push_back(Make(NodeKind::Spread, CtxRange(item), {ExprOrError(item)}));
      } else if (auto* res = Find(item, P::RuleResourceDecl)) {
        kids.push_back(Declaration(res, FindAll(item, P::RuleDecorator)));
      } else {
        NodeId key;
        auto* first = item->children.empty() ? nullptr : AsRule(item->children[0]);
        if (first != nullptr && first->getRuleIndex() == P::RuleIdentifier) {
          key = Name(first);
        } else if (first != nullptr && first->getRuleIndex() == P::RuleString) {
          key = String(first);
        } else {
          key = ErrorAt(CtxRange(item));
        }
        kids.push_back(Make(NodeKind::ObjectProperty, CtxRange(item), {key, ExprOrError(item)}));
      }
    }
    return Make(NodeKind::Object, CtxRange(ctx), kids);
  }

  auto Array(ParserRuleContext* ctx) -> NodeId {
    CheckSeparators(ctx);
    std::vector<NodeId> kids;
    for (auto* c : ctx->children) {
      auto* item = Rule(c, P::RuleArrayItem);
      if (item == nullptr) continue;
      if (item->exception != nullptr) {
        kids.push_back(ErrorAt(CtxRange(item)));
        continue;
      }
      if (FindTok(item, L::ELLIPSIS) != nullptr) {
        kids.push_back(Make(NodeKind::Spread, CtxRange(item), {ExprOrError(item)}));
      } else {
        kids.push_back(ExprOrError(item));
      }
    }
    return Make(NodeKind::Array, CtxRange(ctx), kids);
  }

  void DecodeEscape(std::string& out, const Token* t) {
    auto text = TokenText(text_, t);
    auto range = TRange(t);
    if (text.size() < 2) {
      // a lone backslash before a newline or at the end of the file
      if (range.end >= Size()) reporter_.Emit(DiagnosticKind::UnterminatedStringEscapeSequenceAtEof, range);
      return;
    }
    switch (text[1]) {
      case '\\': out.push_back('\\'); return;
      case '\'': out.push_back('\''); return;
      case 'n': out.push_back('\n'); return;
      case 'r': out.push_back('\r'); return;
      case 't': out.push_back('\t'); return;
      case '$': out.push_back('$'); return;
      case 'u': {
        if (text.size() >= 4 && text[2] == '{' && text.back() == '}') {
          auto hex = text.substr(3, text.size() - 4);
          std::uint32_t cp = 0;
          bool ok = !hex.empty() && hex.size() <= 8;
          for (char ch : hex) {
            int v = ch >= '0' && ch <= '9' ? ch - '0'
                    : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                    : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
                                             : -1;
            if (v < 0) {
              ok = false;
              break;
            }
            cp = cp * 16 + static_cast<std::uint32_t>(v);
          }
          if (ok && cp <= 0x10FFFF) {
            source::AppendUtf8(out, cp);
            return;
          }
        }
        reporter_.Emit(DiagnosticKind::InvalidUnicodeEscape, range);
        return;
      }
      default:
        reporter_.Emit(DiagnosticKind::UnrecognizedEscapeSequence, {range.begin, range.begin + 2},
                       {std::string{kAllowedEscapes}});
        return;
    }
  }

  auto String(ParserRuleContext* ctx) -> NodeId {
    std::vector<std::string> segments(1);
    std::vector<NodeId> holes;
    auto* open = ctx->getStart();
    auto open_type = IsReal(open) ? open->getType() : 0;
    bool multiline = open_type == L::MSTR_OPEN || open_type == L::IMSTR_OPEN;
    std::size_t dollars = open_type == L::IMSTR_OPEN ? TokenText(text_, open).size() - 3 : 0;
    for (auto* c : ctx->children) {
      if (auto* t = Term(c)) {
        if (!IsReal(t)) continue;
        switch (t->getType()) {
          case L::STR_TEXT:
          case L::MSTR_TEXT:
            segments.back().append(TokenText(text_, t));
            break;
          case L::STR_ESCAPE:
            DecodeEscape(segments.back(), t);
            break;
          default:
            break;
        }
        continue;
      }
      auto* hole = Rule(c, P::RuleHole);
      if (hole == nullptr) continue;
      auto* hole_open = hole->getStart();
      if (multiline) {
        // N or more dollars then '{': the dollars beyond N are text
        auto hole_text = TokenText(text_, hole_open);
        if (hole_text.size() > dollars + 1) segments.back().append(hole_text.size() - dollars - 1, '$');
      }
      holes.push_back(ExprOrError(hole));
      segments.emplace_back();

    }
    if (multiline && !segments.empty()) {
      // one leading newline after the opening ''' is not part of the value
      auto& first = segments.front();
      if (first.starts_with("\r\n")) {
        first.erase(0, 2);
      } else if (first.starts_with("\n")) {
        first.erase(0, 1);
      }
    }
    auto range = CtxRange(ctx);
    // An unterminated string (reported by the token scan) is skipped, as officially: its holes are
    // not resolved.
    bool unterminated = FindTok(ctx, L::STR_UNTERMINATED) != nullptr;
    for (auto* c : ctx->children) {
      if (auto* hole = Rule(c, P::RuleHole); hole != nullptr && FindTok(hole, L::STR_UNTERMINATED) != nullptr) {
        unterminated = true;
      }
    }
    if (unterminated) return ErrorAt(range);
    auto id = Make(NodeKind::String, range, holes, multiline ? 1 : 0);
    if (tree_.kind(id) == NodeKind::String) {
      auto first = tree_.AddText(std::move(segments[0]));
      for (std::size_t i = 1; i < segments.size(); ++i) tree_.AddText(std::move(segments[i]));
      tree_.SetText(id, first);
    }
    return id;
  }

  auto FunctionArgs(ParserRuleContext* args, std::vector<NodeId>& kids) -> void {
    if (args == nullptr) return;
    for (auto* c : args->children) {
      if (auto* a = Rule(c, P::RuleArgument)) {
        auto* e = a->exception == nullptr ? Find(a, P::RuleExpression) : nullptr;
        kids.push_back(e != nullptr ? Expr(e) : ErrorAt(CtxRange(a)));
      }
    }
  }

  auto Primary(ParserRuleContext* ctx) -> NodeId {
    if (ctx == nullptr || ctx->children.empty()) return ErrorAt(CtxRange(ctx));
    auto* inner = AsRule(ctx->children[0]);
    if (inner == nullptr) return ErrorAt(CtxRange(ctx));
    auto range = CtxRange(inner);
    switch (inner->getRuleIndex()) {
      case P::RuleLiteralValue: {
        auto* t = inner->getStart();
        switch (t->getType()) {
          case L::INTEGER: return MakeText(NodeKind::IntegerLiteral, range, TokenText(text_, t));
          case L::TRUE_KW: return Make(NodeKind::BooleanLiteral, range, {}, 1);
          case L::FALSE_KW: return Make(NodeKind::BooleanLiteral, range, {}, 0);
          default: return Make(NodeKind::NullLiteral, range);
        }
      }
      case P::RuleString: return String(inner);
      case P::RuleObject: return Object(inner);
      case P::RuleArray: return Array(inner);
      case P::RuleForExpression: return ForExpression(inner);
      case P::RuleParenthesizedExpression:
        return Make(NodeKind::Parenthesized, range, {ParenInner(inner)});
      case P::RuleFunctionCall: {
        std::vector<NodeId> kids{NameOrError(inner)};
        FunctionArgs(Find(inner, P::RuleArguments), kids);
        return Make(NodeKind::FunctionCall, range, kids);
      }
      case P::RuleIdentifier:
        if (inner->children.empty()) return ErrorAt(range);
        return MakeText(NodeKind::VariableAccess, range, TokenText(text_, inner->getStart()));
      default:
        return ErrorAt(range);
    }
  }

  static auto BinaryOpOf(std::size_t type) -> BinaryOp {
    switch (type) {
      case L::OR: return BinaryOp::LogicalOr;
      case L::AND: return BinaryOp::LogicalAnd;
      case L::EQ: return BinaryOp::Equals;
      case L::NEQ: return BinaryOp::NotEquals;
      case L::EQI: return BinaryOp::EqualsInsensitive;
      case L::NEQI: return BinaryOp::NotEqualsInsensitive;
      case L::LT: return BinaryOp::LessThan;
      case L::LTE: return BinaryOp::LessThanOrEqual;
      case L::GT: return BinaryOp::GreaterThan;
      case L::GTE: return BinaryOp::GreaterThanOrEqual;
      case L::PLUS: return BinaryOp::Add;
      case L::MINUS: return BinaryOp::Subtract;
      case L::STAR: return BinaryOp::Multiply;
      case L::SLASH: return BinaryOp::Divide;
      case L::PERCENT: return BinaryOp::Modulo;
      default: return BinaryOp::Coalesce;
    }
  }

  // The left operand of a left-recursive alternative, or nullptr.
  static auto LeftOperand(ParserRuleContext* ctx, std::size_t rule) -> ParserRuleContext* {
    if (ctx->children.empty()) return nullptr;
    return Rule(ctx->children[0], rule);
  }

  // Expressions: the left spine of left-recursive alternatives (binary chains, member
  // chains) is walked iteratively; only right operands and brackets recurse, and the
  // nesting pre-scan bounds those.
  auto Expr(ParserRuleContext* ctx) -> NodeId {
    std::vector<ParserRuleContext*> spine;
    auto* cur = ctx;
    while (auto* left = LeftOperand(cur, P::RuleExpression)) {
      spine.push_back(cur);
      cur = left;
    }
    auto result = ExprLeaf(cur);
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) result = ExprSuffix(*it, result);
    return result;
  }

  auto ExprLeaf(ParserRuleContext* ctx) -> NodeId {
    auto range = CtxRange(ctx);
    if (auto* primary = As<P::PrimaryExprContext>(ctx)) {
      return Primary(Find(primary, P::RulePrimaryExpression));
    }
    if (auto* unary = As<P::UnaryExprContext>(ctx)) {
      auto op = IsReal(unary->op) && unary->op->getType() == L::EXCL ? UnaryOp::Not : UnaryOp::Minus;
      return Make(NodeKind::Unary, range, {ExprOrError(unary)}, static_cast<std::uint8_t>(op));
    }
    if (auto* lambda = As<P::LambdaExprContext>(ctx)) {
      std::vector<NodeId> kids;
      for (auto* v : FindAll(lambda, P::RuleLocalVariable)) kids.push_back(LocalVariable(v));
      auto* body = Find(lambda, P::RuleLambdaBody);
      kids.push_back(body != nullptr ? ExprOrError(body) : ErrorAfter(lambda));
      return Make(NodeKind::Lambda, range, kids);
    }
    return ErrorAt(range);
  }

  // The inside of `( … )` as the official parser lists it: expressions, commas and runs of newlines are its
  // items. One expression is the value; one run of newlines alone is skipped silently; anything else is BCP243
  // and an Error node (no item: at the end of `(`; several: from the first to the last item).
  auto ParenInner(ParserRuleContext* paren) -> NodeId {
    std::vector<SourceRange> items;
    std::vector<ParserRuleContext*> exprs;
    bool in_newlines = false;
    for (auto* child : paren->children) {
      if (auto* ctx = dynamic_cast<ParserRuleContext*>(child)) {
        if (ctx->getRuleIndex() == P::RuleExpression) {
          items.push_back(CtxRange(ctx));
          exprs.push_back(ctx);
        }
        in_newlines = false;
        continue;
      }
      auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child);
      if (terminal == nullptr) continue;
      auto* tok = terminal->getSymbol();
      auto type = tok->getType();
      if (type == L::NL) {
        if (in_newlines) {
          items.back() = Join(items.back(), TRange(tok));
        } else {
          items.push_back(TRange(tok));
        }
        in_newlines = true;
        continue;
      }
      in_newlines = false;
      if (type == L::COMMA) items.push_back(TRange(tok));
    }
    if (items.size() == 1 && exprs.size() == 1) return Expr(exprs[0]);
    if (items.size() == 1 && exprs.empty() && FindTok(paren, L::COMMA) == nullptr) return ErrorAt(items[0]);
    if (items.empty()) {
      auto* open = FindTok(paren, L::LPAREN);
      if (open == nullptr || FindTok(paren, L::RPAREN) == nullptr) return ErrorAfter(paren);
      auto at = TRange(open).end;
      reporter_.Emit(DiagnosticKind::ParenthesesMustHaveExactlyOneItem, {at, at});
      return ErrorAt({at, at});
    }
    auto range = Join(items.front(), items.back());
    reporter_.Emit(DiagnosticKind::ParenthesesMustHaveExactlyOneItem, range);
    return ErrorAt(range);
  }

  auto ExprSuffix(ParserRuleContext* ctx, NodeId base) -> NodeId {
    auto range = CtxRange(ctx);
    if (auto* binary = As<P::BinaryExprContext>(ctx)) {
      auto op = BinaryOpOf(IsReal(binary->op) ? binary->op->getType() : 0);
      return Make(NodeKind::Binary, range, {base, ExprOrError(ctx, 1)}, static_cast<std::uint8_t>(op));
    }
    if (As<P::MemberExprContext>(ctx) != nullptr) {
      bool safe = FindTok(ctx, L::QUESTION) != nullptr;
      auto name = NameOrError(ctx);
      if (FindTok(ctx, L::LPAREN) != nullptr) {
        std::vector<NodeId> kids{base, name};
        FunctionArgs(Find(ctx, P::RuleArguments), kids);
        return Make(NodeKind::InstanceFunctionCall, range, kids, safe ? 1 : 0);
      }
      return Make(NodeKind::PropertyAccess, range, {base, name}, safe ? 1 : 0);
    }
    if (As<P::IndexExprContext>(ctx) != nullptr) {
      std::uint8_t flags = (FindTok(ctx, L::QUESTION) != nullptr ? 1 : 0) | (FindTok(ctx, L::HAT) != nullptr ? 2 : 0);
      auto* close = FindTok(ctx, L::RBRACK);
      if (Find(ctx, P::RuleExpression, 1) == nullptr && close != nullptr) {  // `x[]`
        auto at = TRange(close).begin;
        reporter_.Emit(DiagnosticKind::EmptyIndexerNotAllowed, {at, at});
        return Make(NodeKind::ArrayAccess, range, {base, ErrorAt({at, at})}, flags);
      }
      return Make(NodeKind::ArrayAccess, range, {base, ExprOrError(ctx, 1)}, flags);
    }
    if (As<P::ResourceAccessExprContext>(ctx) != nullptr) {
      return Make(NodeKind::ResourceAccess, range, {base, NameOrError(ctx)});
    }
    if (As<P::NonNullExprContext>(ctx) != nullptr) {
      return Make(NodeKind::NonNullAssert, range, {base});
    }
    if (As<P::TernaryExprContext>(ctx) != nullptr) {
      auto* t = Find(ctx, P::RuleExpression, 1);
      std::size_t after = ctx->children.size();
      for (std::size_t i = 1; i < ctx->children.size(); ++i) {
        if (ctx->children[i] == t) after = i + 1;
      }
      auto tv = t != nullptr ? Expr(t) : ErrorAfter(ctx);
      auto* f = Find(ctx, P::RuleExpression, after);
      auto fv = f != nullptr ? Expr(f) : ErrorAfter(ctx);
      return Make(NodeKind::Ternary, range, {base, tv, fv});
    }
    return ErrorAt(range);
  }

  // ---- types ----
  auto Type(ParserRuleContext* ctx) -> NodeId {
    auto singles = FindAll(ctx, P::RuleSingleType);
    bool has_pipe = FindTok(ctx, L::PIPE) != nullptr;
    if (!has_pipe && singles.size() == 1) return SingleType(singles[0]);
    std::vector<NodeId> kids;
    for (auto* s : singles) kids.push_back(SingleType(s));
    return Make(NodeKind::TypeUnion, CtxRange(ctx), kids);
  }

  auto SingleType(ParserRuleContext* ctx) -> NodeId {
    std::vector<ParserRuleContext*> spine;
    auto* cur = ctx;
    while (auto* left = LeftOperand(cur, P::RuleSingleType)) {
      spine.push_back(cur);
      cur = left;
    }
    auto* primary = Find(cur, P::RulePrimaryType);
    auto result = primary != nullptr ? PrimaryType(primary) : ErrorAt(CtxRange(cur));
    for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
      auto* s = *it;
      auto range = CtxRange(s);
      if (As<P::TypeArrayContext>(s) != nullptr) {
        result = Make(NodeKind::TypeArray, range, {result});
      } else if (As<P::TypeItemsContext>(s) != nullptr) {
        result = Make(NodeKind::TypeItemsAccess, range, {result});
      } else if (As<P::TypeIndexContext>(s) != nullptr) {
        result = Make(NodeKind::TypeArrayAccess, range, {result, ExprOrError(s)});
      } else if (As<P::TypeAdditionalContext>(s) != nullptr) {
        result = Make(NodeKind::TypeAdditionalPropertiesAccess, range, {result});
      } else if (As<P::TypePropertyContext>(s) != nullptr) {
        result = Make(NodeKind::TypePropertyAccess, range, {result, NameOrError(s)});
      } else if (As<P::TypeNullableContext>(s) != nullptr) {
        result = Make(NodeKind::TypeNullable, range, {result});
      } else if (As<P::TypeNonNullContext>(s) != nullptr) {
        result = Make(NodeKind::TypeNonNullable, range, {result});
      }
    }
    return result;
  }

  auto PrimaryType(ParserRuleContext* ctx) -> NodeId {
    auto range = CtxRange(ctx);
    if (ctx->children.empty()) return ErrorAt(range);
    if (auto* t = Term(ctx->children[0])) {
      switch (t->getType()) {
        case L::INTEGER: return MakeText(NodeKind::IntegerLiteral, range, TokenText(text_, t));
        case L::TRUE_KW: return Make(NodeKind::BooleanLiteral, range, {}, 1);
        case L::FALSE_KW: return Make(NodeKind::BooleanLiteral, range, {}, 0);
        case L::NULL_KW: return Make(NodeKind::NullLiteral, range);
        case L::MINUS:
        case L::EXCL: {
          auto* operand = Find(ctx, P::RulePrimaryType);
          auto op = t->getType() == L::EXCL ? UnaryOp::Not : UnaryOp::Minus;
          return Make(NodeKind::Unary, range, {operand != nullptr ? PrimaryType(operand) : ErrorAfter(ctx)},
                      static_cast<std::uint8_t>(op));
        }
        case L::LPAREN: {
          // as an expression's parentheses, but without newline items
          auto types = FindAll(ctx, P::RuleTypeExpression);
          if (types.size() == 1) return Make(NodeKind::TypeParenthesized, range, {Type(types[0])});
          auto* close = FindTok(ctx, L::RPAREN);
          if (close == nullptr) return Make(NodeKind::TypeParenthesized, range, {TypeOrError(ctx)});
          auto at = types.empty() ? SourceRange{TRange(t).end, TRange(t).end}
                                  : Join(CtxRange(types.front()), CtxRange(types.back()));
          reporter_.Emit(DiagnosticKind::ParenthesesMustHaveExactlyOneItem, at);
          return Make(NodeKind::TypeParenthesized, range, {ErrorAt(at)});
        }
        default:
          return ErrorAt(range);
      }
    }
    auto* inner = AsRule(ctx->children[0]);
    switch (inner->getRuleIndex()) {
      case P::RuleIdentifier: {
        if (FindTok(ctx, L::LT) == nullptr) {
          return MakeText(NodeKind::TypeVariableAccess, range, TokenText(text_, inner->getStart()));
        }
        auto names = FindAll(ctx, P::RuleIdentifier);
        std::vector<NodeId> kids{Name(names.back())};
        for (auto* a : FindAll(ctx, P::RuleTypeExpression)) kids.push_back(Type(a));
        return Make(NodeKind::TypeParameterized, range, kids, names.size() > 1 ? 1 : 0);
      }
      case P::RuleString: return String(inner);
      case P::RuleTypeObject: {
        CheckSeparators(inner);
        std::vector<NodeId> kids;
        for (auto* item : FindAll(inner, P::RuleTypeObjectItem)) {
          auto decorators = Decorators(FindAll(item, P::RuleDecorator), CtxRange(item).begin);
          auto type = TypeOrError(item);
          if (FindTok(item, L::STAR) != nullptr) {
            kids.push_back(Make(NodeKind::TypeAdditionalProperties, CtxRange(item), {decorators, type}));
            continue;
          }
          NodeId key;
          if (auto* id = Find(item, P::RuleIdentifier)) {
            key = Name(id);
          } else if (auto* s = Find(item, P::RuleString)) {
            key = String(s);
          } else {
            key = ErrorAt(CtxRange(item));
          }
          kids.push_back(Make(NodeKind::TypeObjectProperty, CtxRange(item), {decorators, key, type}));
        }
        return Make(NodeKind::TypeObject, range, kids);
      }
      case P::RuleTypeTuple: {
        CheckSeparators(inner);
        std::vector<NodeId> kids;
        for (auto* item : FindAll(inner, P::RuleTypeTupleItem)) {
          std::vector<ParserRuleContext*> decorator_ctxs;
          for (auto* c : item->children) {
            auto* rc = AsRule(c);
            if (rc != nullptr && (rc->getRuleIndex() == P::RuleDecorator ||
                                  rc->getRuleIndex() == P::RuleTupleItemDecorator)) {
              decorator_ctxs.push_back(rc);
            }
          }
          auto decorators = Decorators(decorator_ctxs, CtxRange(item).begin);
          kids.push_back(Make(NodeKind::TypeTupleItem, CtxRange(item), {decorators, TypeOrError(item)}));
        }
        return Make(NodeKind::TypeTuple, range, kids);
      }
      default:
        return ErrorAt(range);
    }
  }

  SyntaxTree& tree_;
  ErrorReporter& reporter_;
  std::string_view text_;
  const ParseOptions& options_;
  std::vector<std::uint32_t> depths_;
  bool too_deep_reported_ = false;
};

// ---------------------------------------------------------------------------
// Unterminated strings, reported from the tokens as the official lexer does (so also where the
// parser skips them): on the segment that met the end of the line or file (from the string's start
// or the `}` of its last hole), or at the newline when a hole is still open (once, for every
// string still open around it).
class UnterminatedStrings {
 public:
  UnterminatedStrings(std::string_view text, ErrorReporter& reporter) : size_{text.size()}, reporter_{reporter} {}
  void Token(const antlr4::Token* t) {
    auto type = t->getType();
    auto begin = static_cast<std::uint32_t>(std::min<std::size_t>(t->getStartIndex(), size_));
    switch (type) {
      case L::STR_OPEN: case L::MSTR_OPEN: case L::IMSTR_OPEN:
        stack_.push_back({Kind::String, begin, begin, type != L::STR_OPEN});
        break;
      case L::HOLE_OPEN: stack_.push_back({Kind::Hole, begin, begin, false}); break;
      case L::LBRACE:
        if (!stack_.empty()) stack_.push_back({Kind::Brace, begin, begin, false});
        break;
      case L::RBRACE:
        if (stack_.empty()) break;
        if (stack_.back().kind == Kind::Brace) {
          stack_.pop_back();
        } else if (stack_.back().kind == Kind::Hole) {
          stack_.pop_back();
          if (!stack_.empty() && stack_.back().kind == Kind::String) stack_.back().segment = begin;
        }
        break;
      case L::STR_CLOSE: case L::MSTR_CLOSE:
        if (!stack_.empty() && stack_.back().kind == Kind::String) stack_.pop_back();
        break;
      case L::STR_UNTERMINATED: {
        while (!stack_.empty() && stack_.back().kind == Kind::Brace) stack_.pop_back();
        if (stack_.empty()) break;
        auto open = stack_.back();
        if (open.kind == Kind::Hole) {
          reporter_.Emit(DiagnosticKind::UnterminatedStringWithNewLine, {begin, begin});
          stack_.clear();
          break;
        }
        stack_.pop_back();
        if (open.multiline) {
          reporter_.Emit(DiagnosticKind::UnterminatedMultilineString, {open.start, begin});
        } else if (begin >= size_) {
          reporter_.Emit(DiagnosticKind::UnterminatedString, {open.segment, begin});
        } else {
          reporter_.Emit(DiagnosticKind::UnterminatedStringWithNewLine, {open.segment, begin});
        }
        break;
      }
      default: break;
    }
  }

 private:
  enum class Kind : std::uint8_t { String, Hole, Brace };
  struct Open {
    Kind kind;
    std::uint32_t start;    // where it opened
    std::uint32_t segment;  // strings: where the current text segment starts
    bool multiline;
  };
  std::size_t size_;
  ErrorReporter& reporter_;
  std::vector<Open> stack_;
};

void ScanTokens(const std::vector<Token*>& tokens, std::string_view text, SyntaxTree& tree, ErrorReporter& reporter) {
  auto size = text.size();
  UnterminatedStrings strings{text, reporter};
  for (auto* t : tokens) {
    auto range = TokenRange(t, size);
    strings.Token(t);
    switch (t->getType()) {
      case L::LINE_COMMENT:
        tree.AddComment({CommentKind::Line, range});
        break;
      case L::BLOCK_COMMENT:
        tree.AddComment({CommentKind::Block, range});
        break;
      case L::UNTERMINATED_BLOCK_COMMENT:
        tree.AddComment({CommentKind::Block, range});
        reporter.Emit(DiagnosticKind::UnterminatedMultilineComment, range);
        break;
      case L::PRAGMA:
        tree.AddPragma(ParsePragma(text.substr(range.begin, range.end - range.begin), range));
        break;
      case L::UNKNOWN: {
        // one diagnostic per UTF-8 character, not per byte
        auto c = static_cast<unsigned char>(text[range.begin]);
        if (c >= 0x80 && c < 0xC0) break;  // a continuation byte: part of the previous character
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        len = std::min(len, size - range.begin);
        auto r = SourceRange{range.begin, static_cast<std::uint32_t>(range.begin + len)};
        reporter.Emit(DiagnosticKind::UnrecognizedToken, r, {std::string{text.substr(r.begin, len)}});
        break;
      }
      case L::DQUOTE:
        reporter.Emit(DiagnosticKind::DoubleQuoteToken, range, {"\""});
        break;
      case L::BOM:
        if (range.begin != 0) {
          reporter.Emit(DiagnosticKind::UnrecognizedToken, range, {std::string{text.substr(range.begin, 3)}});
        }
        break;
      case L::IDENTIFIER:
        if (range.end - range.begin > kMaxIdentifierLength) {
          reporter.Emit(DiagnosticKind::IdentifierNameExceedsLimit, range, {std::to_string(kMaxIdentifierLength)});
        }
        break;
      default:
        break;
    }
  }
}

// A token stream that stops lexing after a maximum number of tokens (hidden ones included).
class CappedTokenStream final : public antlr4::CommonTokenStream {
 public:
  using antlr4::CommonTokenStream::CommonTokenStream;
  auto FillUpTo(std::size_t max_tokens) -> bool {
    constexpr std::size_t kChunk = 1000;
    while (fetch(kChunk) == kChunk) {
      if (_tokens.size() > max_tokens) return false;
    }
    return _tokens.size() <= max_tokens + 1;  // + EOF
  }
};

// A `?` at the start of a line continues a ternary (`cond\n  ? a\n  : b`) and a `|` a type union: the
// newlines before them go to the hidden channel, so the grammar needs no `NL*` before `?` or `|` and the
// prediction after every expression and every type stays at one token of lookahead.
void HideNewlinesBeforeContinuations(const std::vector<antlr4::Token*>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i]->getType() != L::QUESTION && tokens[i]->getType() != L::PIPE) continue;
    for (std::size_t j = i; j-- > 0;) {
      auto* t = tokens[j];
      if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      if (t->getType() != L::NL) break;
      if (auto* w = dynamic_cast<antlr4::WritableToken*>(t)) w->setChannel(antlr4::Token::HIDDEN_CHANNEL);
    }
  }
}

// Runs `fn` on a thread with a large stack (a second line of defence behind the
// nesting pre-scan); runs it on the caller's stack if no thread can be created.
template <typename Fn>
void RunWithLargeStack(Fn& fn) {
  auto trampoline = [](void* arg) -> void* {
    (*static_cast<Fn*>(arg))();
    return nullptr;
  };
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) == 0) {
    pthread_t thread;
    bool started = pthread_attr_setstacksize(&attr, kParseThreadStackBytes) == 0 &&
                   pthread_create(&thread, &attr, trampoline, &fn) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
      pthread_join(thread, nullptr);
      return;
    }
  }
  fn();
}

// Nesting up to this depth parses on the caller's stack; deeper (allowed) nesting
// parses on a thread with a 256 MB stack.
constexpr std::size_t kInlineNestingLimit = 100;

void RunParse(const source::SourceFile& file, diagnostics::DiagnosticSink& sink, const ParseOptions& options,
              SyntaxTree& tree) {
  auto text = file.text();
  ErrorReporter reporter{file, sink};
  auto whole = SourceRange{0, static_cast<std::uint32_t>(text.size())};
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    reporter.Emit(DiagnosticKind::SyntaxError, {0, 0}, {"the file is too large"});
    tree.SetRoot(tree.Add(NodeKind::Program, {0, 0}));
    return;
  }

  ByteStream input{text};
  LexTokenSource lexer{&input, text, options.max_tokens};
  CappedTokenStream tokens{&lexer};
  if (!tokens.FillUpTo(options.max_tokens)) {
    reporter.Emit(DiagnosticKind::SyntaxError, {0, 0},
                  {fmt::format("the file has more than {} tokens, which is more than bicepc parses", options.max_tokens)});
    tree.SetRoot(tree.Add(NodeKind::Program, whole));
    return;
  }
  ScanTokens(tokens.getTokens(), text, tree, reporter);
  HideNewlinesBeforeContinuations(tokens.getTokens());

  auto nesting = NestingDepth(tokens.getTokens(), options.max_nesting);
  auto depth = nesting.depth;
  if (depth > options.max_nesting) {
    auto at = static_cast<std::uint32_t>(nesting.first_over);
    reporter.Emit(DiagnosticKind::NestingTooDeep, {at, at + 1}, {std::to_string(options.max_nesting)});
    tree.SetRoot(tree.Add(NodeKind::Program, whole));
    return;
  }

  auto parse_and_convert = [&] {
    P parser{&tokens};
    parser.removeErrorListeners();
    auto* sim = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    auto start = [&]() -> ParserRuleContext* {
      if (options.kind == FileKind::BicepParam) return parser.paramsProgram();
      return parser.program();
    };
    ParserRuleContext* root = nullptr;
    sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      root = start();
    } catch (const antlr4::ParseCancellationException&) {
      root = nullptr;
    }
    if (root == nullptr) {
      tokens.seek(0);
      parser.reset();
      auto strategy = std::make_shared<BicepErrorStrategy>(reporter, parser);
      parser.setErrorHandler(strategy);
      parser.recovery_ = strategy.get();
      parser.ll_stage_ = true;
      sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
      root = start();
    }
    Converter converter{tree, reporter, options};
    tree.SetRoot(converter.Program(root));
  };
  auto guarded = [&] {
    try {
      parse_and_convert();
    } catch (const std::exception& e) {
      reporter.Emit(DiagnosticKind::SyntaxError, {0, 0}, {fmt::format("internal parser failure: {}", e.what())});
      tree = SyntaxTree{file};
      tree.SetRoot(tree.Add(NodeKind::Program, whole));
    }
  };
  if (depth <= kInlineNestingLimit) {
    guarded();
  } else {
    RunWithLargeStack(guarded);
  }
}

}  // namespace

auto testing::LexForParser(std::string_view text) -> std::vector<ParserToken> {
  ByteStream input{text};
  LexTokenSource lexer{&input, text, SIZE_MAX};
  antlr4::CommonTokenStream tokens{&lexer};
  tokens.fill();
  std::vector<ParserToken> out;
  for (auto* t : tokens.getTokens()) {
    out.push_back(ParserToken{t->getType(), t->getChannel(), t->getStartIndex(), t->getStopIndex(), t->getLine(),
                              t->getCharPositionInLine(), t->getText()});
  }
  return out;
}

auto Parse(const source::SourceFile& file, diagnostics::DiagnosticSink& sink, const ParseOptions& options)
    -> SyntaxTree {
  // ANTLR's generated recognizers share one DFA cache per class; it is not safe to
  // grow it from several threads at once with runtime 4.9 (see README.md).
  static std::mutex antlr_mutex;
  std::lock_guard lock{antlr_mutex};
  SyntaxTree tree{file};
  try {
    RunParse(file, sink, options, tree);
  } catch (const std::exception& e) {
    sink.Emit(DiagnosticKind::SyntaxError, file, {0, 0}, {fmt::format("internal parser failure: {}", e.what())});
    tree = SyntaxTree{file};
    tree.SetRoot(tree.Add(NodeKind::Program, {0, static_cast<std::uint32_t>(file.text().size())}));
  }
  return tree;
}

}  // namespace bicepc::syntax
