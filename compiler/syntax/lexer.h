// The hand-written Bicep lexer (lexer.cpp). It produces exactly the tokens of the lexer ANTLR
// generates from grammar/BicepLexer.g4 (type, channel, byte offsets, line, column), which stays
// the token vocabulary and the reference: tests/syntax/lexer_test.cpp runs both and compares.
// Internal to compiler/syntax (parser.cpp feeds these tokens to the ANTLR parser).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bicepc::syntax {

inline constexpr std::uint32_t kLexEof = 0xFFFF'FFFF;  // the type of the last token (ANTLR's EOF)

struct LexToken {
  std::uint32_t type = kLexEof;  // a BicepLexer token type, or kLexEof
  std::uint32_t channel = 0;     // 0 default, 1 hidden (ANTLR's channel numbers)
  std::uint32_t begin = 0;       // byte offset of the first byte
  std::uint32_t end = 0;         // byte offset one past the last byte (== begin for zero-width tokens)
  std::uint32_t line = 1;        // 1-based; only '\n' starts a line (as in ANTLR)
  std::uint32_t column = 0;      // bytes since the start of the line
};

// Lexes `text` (which must be shorter than 4 GiB). Skipped tokens (blanks) are not returned; the
// last token is an EOF token, unless more than `max_tokens` tokens were found: lexing then stops
// early (the caller rejects the file anyway).
auto Lex(std::string_view text, std::size_t max_tokens = SIZE_MAX) -> std::vector<LexToken>;

namespace testing {

// A token as the ANTLR parser sees it (Token::getType() ... Token::getText()).
struct ParserToken {
  std::size_t type = 0;
  std::size_t channel = 0;
  std::size_t start = 0;
  std::size_t stop = 0;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string text;
  friend auto operator==(const ParserToken&, const ParserToken&) -> bool = default;
};

// The tokens of `text` from the hand-written lexer, through the token source parser.cpp gives the parser.
auto LexForParser(std::string_view text) -> std::vector<ParserToken>;
// The tokens of `text` from the ANTLR lexer generated from grammar/BicepLexer.g4 (the reference).
auto LexWithGeneratedLexer(std::string_view text) -> std::vector<ParserToken>;
// The grammar's name of a token type ("IDENTIFIER", "EOF").
auto TokenTypeName(std::size_t type) -> std::string;

}  // namespace testing
}  // namespace bicepc::syntax
