// Lexer for .bicep and .bicepparam files (notes/antlr-and-grammar.md §3.2, §3.4).
//
// The input is a byte stream (compiler/syntax/parser.cpp feeds bytes, one symbol per
// byte), so token indexes are byte offsets and non-ASCII text only occurs inside
// strings and comments, where any byte is accepted.
//
// Strings use lexer modes: ' pushes STR, ''' pushes MSTR, $...$''' pushes IMSTR, and
// a hole (${ or N $ followed by {) pushes DEFAULT_MODE. Inside a hole, a per-hole
// brace counter decides which } closes the hole. A newline inside a single-line
// string or inside any hole ends every open string (as the official lexer clears its
// template stack): nextToken() then emits one zero-width STR_UNTERMINATED per open
// string level before the NL. At EOF the same happens before EOF.
lexer grammar BicepLexer;

tokens { STR_UNTERMINATED }

@lexer::header {
#include <deque>
#include <memory>
#include <vector>
}

@lexer::members {
 public:
  // Emits one zero-width STR_UNTERMINATED per string still open (counted by NewLine(), or
  // found open at EOF) before the token that ended them.
  std::unique_ptr<antlr4::Token> nextToken() override {
    if (!pending_.empty()) {
      auto t = std::move(pending_.front());
      pending_.pop_front();
      return t;
    }
    auto t = antlr4::Lexer::nextToken();
    if (t->getType() == antlr4::Token::EOF) {
      std::size_t levels = holes_.size() + (mode != DEFAULT_MODE ? 1 : 0);
      if (levels > 0) {
        unterminated_ = levels;
        holes_.clear();
        dollars_.clear();
        modeStack.clear();
        mode = DEFAULT_MODE;
      }
    }
    if (unterminated_ == 0) return t;
    std::size_t at = t->getStartIndex();
    for (std::size_t i = 0; i < unterminated_; ++i) {
      pending_.push_back(_factory->create({this, _input}, STR_UNTERMINATED, "", antlr4::Token::DEFAULT_CHANNEL,
                                          at, at - 1, t->getLine(), t->getCharPositionInLine()));
    }
    unterminated_ = 0;
    pending_.push_back(std::move(t));
    auto first = std::move(pending_.front());
    pending_.pop_front();
    return first;
  }

 private:
  struct Hole {
    std::size_t braces = 0;  // '{' opened inside this hole and not yet closed
  };
  std::vector<Hole> holes_;             // open string holes, innermost last
  std::vector<std::size_t> dollars_;    // '$' count of each open $'''...''' string, innermost last
  std::deque<std::unique_ptr<antlr4::Token>> pending_;
  std::size_t unterminated_ = 0;        // STR_UNTERMINATED tokens to emit before the current token

  // Called at the end of a PRAGMA match: a pragma only when spaces and tabs alone
  // precede it on its line (or a byte-order mark at the start of the file).
  void PragmaOrUnknown() {
    auto start = static_cast<ssize_t>(tokenStartCharIndex);
    auto here = static_cast<ssize_t>(getCharIndex());
    auto at = [&](ssize_t pos) { return _input->LA(pos - here); };  // the byte at offset pos < here
    for (ssize_t pos = start - 1; pos >= 0; --pos) {
      if (pos == 2 && at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) break;
      std::size_t c = at(pos);
      if (c == ' ' || c == '\t') continue;
      if (c == '\n' || c == '\r') break;
      setType(UNKNOWN);
      return;
    }
    setChannel(antlr4::Token::HIDDEN_CHANNEL);
  }
  void OpenHole() {
    holes_.push_back(Hole{});
    pushMode(DEFAULT_MODE);
  }
  void OpenBrace() {
    if (!holes_.empty()) ++holes_.back().braces;
  }
  void CloseBrace() {
    if (holes_.empty()) return;
    if (holes_.back().braces > 0) {
      --holes_.back().braces;
      return;
    }
    holes_.pop_back();
    if (!modeStack.empty()) popMode();
  }
  void PopStringMode() {
    if (!modeStack.empty()) popMode();
  }
  // A newline inside a single-line string (in_text) or inside a hole ends every open string.
  void NewLine(bool in_text) {
    std::size_t levels = holes_.size() + (in_text ? 1 : 0);
    if (levels == 0) return;
    unterminated_ = levels;
    holes_.clear();
    dollars_.clear();
    modeStack.clear();
    setMode(DEFAULT_MODE);
  }
  void OpenInterpolatedMultiline() {
    dollars_.push_back(getCharIndex() - tokenStartCharIndex - 3);
    pushMode(IMSTR);
  }
  void CloseInterpolatedMultiline() {
    if (!dollars_.empty()) dollars_.pop_back();
    PopStringMode();
  }
  // '$'+ '{' inside $'''...''': a hole when at least N dollars precede the brace.
  void DollarBrace() {
    std::size_t count = getCharIndex() - tokenStartCharIndex - 1;
    if (!dollars_.empty() && count >= dollars_.back()) {
      setType(HOLE_OPEN);
      OpenHole();
    } else {
      setType(MSTR_TEXT);
    }
  }

 public:
}

// ---- trivia ----
// A UTF-8 byte-order mark (only valid at offset 0: checked while scanning tokens).
BOM           : '\u00EF\u00BB\u00BF' -> channel(HIDDEN) ;
NL            : [\r\n]+ { NewLine(false); } ;
WS            : [ \t]+ -> skip ;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
UNTERMINATED_BLOCK_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(HIDDEN) ;
// #disable-next-line / #disable-diagnostics / #restore-diagnostics, only as the first
// non-blank on a line (else the token becomes UNKNOWN); the codes run to the end of the
// line or to a comment. No predicate at the left edge: that would disable the DFA cache.
PRAGMA        : '#' ('disable-next-line' | 'disable-diagnostics' | 'restore-diagnostics')
                (~[\r\n/] | '/' ~[\r\n/*])* { PragmaOrUnknown(); } ;

// ---- keywords (contextual except true/false/null: the parser accepts them as identifiers) ----
TARGET_SCOPE     : 'targetScope' ;
METADATA         : 'metadata' ;
PARAM            : 'param' ;
VAR              : 'var' ;
RESOURCE         : 'resource' ;
MODULE           : 'module' ;
OUTPUT           : 'output' ;
TYPE             : 'type' ;
FUNC             : 'func' ;
IMPORT           : 'import' ;
EXTENSION        : 'extension' ;
EXTENSION_CONFIG : 'extensionConfig' ;
ASSERT           : 'assert' ;
TEST             : 'test' ;
USING            : 'using' ;
EXTENDS          : 'extends' ;
EXISTING         : 'existing' ;
IF               : 'if' ;
FOR              : 'for' ;
IN               : 'in' ;
WITH             : 'with' ;
AS               : 'as' ;
FROM             : 'from' ;
NONE             : 'none' ;
TRUE_KW             : 'true' ;
FALSE_KW            : 'false' ;
NULL_KW             : 'null' ;

IDENTIFIER    : [a-zA-Z_] [a-zA-Z0-9_]* ;
INTEGER       : [0-9]+ ;

// ---- strings ----
MSTR_OPEN     : '\'\'\'' -> pushMode(MSTR) ;
IMSTR_OPEN    : '$'+ '\'\'\'' { OpenInterpolatedMultiline(); } ;
STR_OPEN      : '\'' -> pushMode(STR) ;

// ---- punctuation and operators ----
LBRACE        : '{' { OpenBrace(); } ;
RBRACE        : '}' { CloseBrace(); } ;
LPAREN        : '(' ;
RPAREN        : ')' ;
LBRACK        : '[' ;
RBRACK        : ']' ;
AT            : '@' ;
COMMA         : ',' ;
ELLIPSIS      : '...' ;
DOT           : '.' ;
DOUBLE_COLON  : '::' ;
COLON         : ':' ;
SEMICOLON     : ';' ;
ARROW         : '=>' ;
EQ            : '==' ;
NEQ           : '!=' ;
EQI           : '=~' ;
NEQI          : '!~' ;
ASSIGN        : '=' ;
LTE           : '<=' ;
GTE           : '>=' ;
LT            : '<' ;
GT            : '>' ;
AND           : '&&' ;
OR            : '||' ;
PIPE          : '|' ;
COALESCE      : '??' ;
QUESTION      : '?' ;
EXCL          : '!' ;
PLUS          : '+' ;
MINUS         : '-' ;
STAR          : '*' ;
SLASH         : '/' ;
PERCENT       : '%' ;
HAT           : '^' ;
DQUOTE        : '"' ;
UNKNOWN       : . ;

// ---- single-line string: escapes and ${ holes ----
mode STR;
STR_TEXT      : ~['\\$\r\n]+ ;
STR_ESCAPE    : '\\' ('u{' ~[}'\r\n]* '}' | ~[\r\n])? ;
HOLE_OPEN     : '${' { OpenHole(); } ;
STR_DOLLAR    : '$' -> type(STR_TEXT) ;
STR_CLOSE     : '\'' { PopStringMode(); } ;
STR_NL        : [\r\n]+ { NewLine(true); setType(NL); } ;

// ---- ''' multi-line string: no escapes, no holes; ends at the first run of 3+ quotes ----
mode MSTR;
MSTR_CLOSE    : '\'\'\'' {_input->LA(1) != '\''}? { PopStringMode(); } ;
MSTR_TEXT     : ~[']+ ;
MSTR_QUOTE    : '\'' -> type(MSTR_TEXT) ;

// ---- $...$''' multi-line string: holes open on at least N dollars followed by { ----
mode IMSTR;
IMSTR_CLOSE   : '\'\'\'' {_input->LA(1) != '\''}? { CloseInterpolatedMultiline(); setType(MSTR_CLOSE); } ;
IMSTR_TEXT    : ~['$]+ -> type(MSTR_TEXT) ;
IMSTR_QUOTE   : '\'' -> type(MSTR_TEXT) ;
IMSTR_DOLLARS : '$'+ -> type(MSTR_TEXT) ;
IMSTR_HOLE    : '$'+ '{' { DollarBrace(); } ;
