// Parser for .bicep (start rule `program`) and .bicepparam (start rule `paramsProgram`),
// following the official parser's newline rules (notes/antlr-and-grammar.md §3.3):
// NL is a real token and appears only where a newline is allowed. Declarations are
// LL(1) on their introducer; expressions are one left-recursive rule whose
// alternatives are ordered from the highest to the lowest precedence.
parser grammar BicepParser;

options { tokenVocab = BicepLexer; }

@parser::header {
#ifndef BICEPC_GRAMMAR_RECOVERY
#define BICEPC_GRAMMAR_RECOVERY
#include <cstddef>
namespace bicepc::grammar {
// Thrown by the adapter's error strategy (LL stage) after it recorded the first error inside a
// recovery component; the innermost component rule catches it and skips to its terminators.
struct ComponentError {};
// Told where each component recovered; implemented by the adapter, which emits the recorded error.
class RecoveryListener {
 public:
  virtual ~RecoveryListener() = default;
  // The component that started at token index `start` failed; tokens [start, end) were skipped.
  // Returns whether nothing but hidden tokens was skipped.
  virtual bool Recovered(std::size_t start, std::size_t end, bool suppress) = 0;
  // A component found `what` (one of BicepParser::kWhat*) missing at the current token.
  virtual void Missing(int what) = 0;
  // Two items without a separator between them (BCP236, reported at once).
  virtual void MissingSeparator() = 0;
  // Decorators in an object that no nested resource follows (BCP132), tokens [first, last].
  virtual void DanglingDecorators(std::size_t first, std::size_t last) = 0;
};
}  // namespace bicepc::grammar
#endif
}

@parser::definitions {
void BicepParser::ObjectItemError(antlr4::ParserRuleContext* item) {
  auto* first = item->getStart();
  bool at_key = first != nullptr && first->getType() != ELLIPSIS && first->getType() != AT;
  for (auto* c : item->children) {
    auto* rc = dynamic_cast<antlr4::ParserRuleContext*>(c);
    if (rc != nullptr && rc->getRuleIndex() == RuleResourceDecl) at_key = false;
  }
  if (!at_key) {
    Recover(item, kNL | kRBrace, false);
    return;
  }
  Recover(item, kColon | kNL | kRBrace, false, false);
  propColon();
  propValue();
  Splice(item, false);
}
}

@parser::members {
  // ---- recovery components (the official parser's WithRecovery points) ----
  // A component rule parses one part of a declaration or of an item; after an error inside it
  // (LL stage only) it skips to one of its terminators, as the official parser does, and parsing
  // goes on with the next part. A component that parsed is spliced into its parent, so the tree
  // the converter sees is the same as without components; a failed one is dropped.
  static constexpr int kNL = 1, kIdent = 2, kAssign = 4, kLBrace = 8, kString = 16, kComma = 32, kRParen = 64,
                       kRBrace = 128, kRBrack = 256, kColon = 512, kGt = 1024;
  // What a declaration name or a missing part is (selects the diagnostic).
  static constexpr int kWhatParam = 1, kWhatVar = 2, kWhatOutput = 3, kWhatResource = 4, kWhatModule = 5,
                       kWhatType = 6, kWhatMetadata = 7, kWhatAssert = 8, kWhatTest = 9, kWhatFunc = 10,
                       kWhatResourceType = 20, kWhatModulePath = 21, kWhatTestPath = 22, kWhatBodyOrIfOrLoop = 23,
                       kWhatBodyOrIf = 24, kWhatParamContinuation = 25, kWhatTypeExpression = 26,
                       kWhatPropertyName = 27, kWhatExpression = 28, kWhatExtensionAlias = 29,
                       kWhatDecoratorName = 30;
  bicepc::grammar::RecoveryListener* recovery_ = nullptr;
  bool ll_stage_ = false;
  bool last_empty_ = false;  // the last component that ended was skipped with nothing in it
  bool name_empty_ = false;  // the same for the last declaration name (a type's value depends on it)
  auto Chained(bool chained) const -> bool { return chained && last_empty_; }
  void Done(antlr4::ParserRuleContext* ctx) {
    if (!ctx->children.empty()) last_empty_ = false;  // an absent optional part keeps the state before it
    Splice(ctx, true);
  }
  // Moves a component's children into its parent in place of the component (or drops it).
  static void Splice(antlr4::ParserRuleContext* ctx, bool keep) {
    auto* parent = ctx->parent;
    if (parent == nullptr || parent->children.empty() || parent->children.back() != ctx) return;
    parent->children.pop_back();
    if (!keep) return;
    for (auto* c : ctx->children) {
      c->parent = parent;
      parent->children.push_back(c);
    }
  }
  static long Bracket(std::size_t type) {
    switch (type) {
      case LPAREN: case LBRACK: case LBRACE: case HOLE_OPEN: return 1;
      case RPAREN: case RBRACK: case RBRACE: return -1;
      default: return 0;
    }
  }
  static bool IsTerminator(std::size_t type, int terms) {
    switch (type) {
      case NL: return (terms & kNL) != 0;
      case ASSIGN: return (terms & kAssign) != 0;
      case LBRACE: return (terms & kLBrace) != 0;
      case STR_OPEN: case MSTR_OPEN: case IMSTR_OPEN: return (terms & kString) != 0;
      case COMMA: return (terms & kComma) != 0;
      case RPAREN: return (terms & kRParen) != 0;
      case RBRACE: return (terms & kRBrace) != 0;
      case RBRACK: return (terms & kRBrack) != 0;
      case COLON: return (terms & kColon) != 0;
      case GT: return (terms & kGt) != 0;
      case IDENTIFIER: case TARGET_SCOPE: case METADATA: case PARAM: case VAR: case RESOURCE: case MODULE:
      case OUTPUT: case TYPE: case FUNC: case IMPORT: case EXTENSION: case EXTENSION_CONFIG: case ASSERT: case TEST:
      case USING: case EXTENDS: case EXISTING: case IF: case FOR: case IN: case WITH: case AS: case FROM: case NONE:
        return (terms & kIdent) != 0;
      default: return false;
    }
  }
  // Skips to a terminator (not consumed; EOF always stops) and reports the component's error.
  // Brackets opened inside the component (by what it parsed or skipped) are skipped whole, except
  // that a newline always ends the skip: a comma inside `(a,,)` does not end an argument.
  void Recover(antlr4::ParserRuleContext* ctx, int terms, bool suppress, bool drop = true) {
    auto* stream = getTokenStream();
    auto start = ctx->getStart() != nullptr ? ctx->getStart()->getTokenIndex() : stream->index();
    long depth = 0;
    for (auto i = start; i < stream->index(); ++i) {
      if (stream->get(i)->getChannel() == antlr4::Token::DEFAULT_CHANNEL) depth += Bracket(stream->get(i)->getType());
    }
    for (;;) {
      auto t = stream->LA(1);
      if (t == antlr4::Token::EOF) break;
      if (IsTerminator(t, terms) && (depth <= 0 || t == NL)) break;
      depth += Bracket(t);
      consume();
    }
    last_empty_ = recovery_ == nullptr || recovery_->Recovered(start, stream->index(), suppress);
    _errHandler->reset(this);
    if (drop) {
      Splice(ctx, false);
    } else {
      ctx->exception = std::make_exception_ptr(bicepc::grammar::ComponentError{});
    }
  }
  // A recognition error thrown into a component rule: recorded, then recovered from (LL stage);
  // in the SLL stage the bail strategy throws out of the whole parse.
  void Failed(antlr4::RecognitionException& e) {
    _errHandler->reportError(this, e);
    if (!ll_stage_) _errHandler->recover(this, std::make_exception_ptr(e));
  }
  // A part the official parser requires that is not there: record it and recover (LL stage), or
  // bail out of the SLL stage.
  void Require(bool present, int what) {
    if (present) return;
    if (!ll_stage_) throw antlr4::ParseCancellationException();
    if (recovery_ != nullptr) recovery_->Missing(what);
    throw bicepc::grammar::ComponentError{};
  }
  // Newlines, then one of the official declaration keywords.
  bool DeclarationAfterNewlines() {
    if (_input->LA(1) != NL) return false;
    std::ptrdiff_t i = 2;
    while (_input->LA(i) == NL) ++i;
    switch (_input->LA(i)) {
      case ASSERT: case IMPORT: case METADATA: case PARAM: case VAR: case RESOURCE: case OUTPUT: case MODULE: case TYPE:
        return true;
      default:
        return false;
    }
  }
  // A resource or module body starts here; newlines before it only before `if`.
  bool BodyCanStart() {
    auto t = _input->LA(1);
    if (t == LBRACE || t == LBRACK || t == IF) return true;
    if (t != NL) return false;
    std::ptrdiff_t i = 2;
    while (_input->LA(i) == NL) ++i;
    return _input->LA(i) == IF;
  }
  static bool TypeCanStart(std::size_t t) {
    switch (t) {
      case INTEGER: case TRUE_KW: case FALSE_KW: case NULL_KW: case STR_OPEN: case MSTR_OPEN: case IMSTR_OPEN:
      case LBRACE: case LBRACK: case LPAREN: case MINUS: case EXCL: case PIPE:
        return true;
      default:
        return IsTerminator(t, kIdent);
    }
  }

  // An object item failed: an error at its start is the key's (skipped up to `:`, and the colon
  // and the value are parsed after it, as officially); otherwise the item is skipped.
  void ObjectItemError(antlr4::ParserRuleContext* item);
  void MissingSeparator() {
    if (!ll_stage_) throw antlr4::ParseCancellationException();
    if (recovery_ != nullptr) recovery_->MissingSeparator();
  }
  // Decorators in an object must precede a nested resource: BCP132 on them (nothing more when one
  // of them already failed), and the item is skipped.
  void DecoratorsBeforeResource(antlr4::ParserRuleContext* item) {
    if (_input->LA(1) == RESOURCE || item->children.empty()) return;
    if (!ll_stage_) throw antlr4::ParseCancellationException();
    bool failed = false;
    for (auto* c : item->children) {
      auto* d = dynamic_cast<antlr4::ParserRuleContext*>(c);
      if (d == nullptr) continue;
      for (auto* e : d->children) {
        auto* rc = dynamic_cast<antlr4::ParserRuleContext*>(e);
        failed = failed || (rc != nullptr && rc->exception != nullptr);
      }
    }
    if (!failed && recovery_ != nullptr) {
      recovery_->DanglingDecorators(item->getStart()->getTokenIndex(), _input->LT(-1)->getTokenIndex());
    }
    throw bicepc::grammar::ComponentError{};
  }
}

// ---- files ----
program       : (NL | statement | invalidStatement)* EOF ;
paramsProgram : (NL | paramsStatement | invalidStatement)* EOF ;

// A statement is the outermost recovery component (an error no inner component caught skips
// to the newline); the newline after it is one more (BCP019, the skipped tokens included).
statement       : decorator* declaration statementEnd ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, false, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, false, false); }
paramsStatement : decorator* paramsDeclaration statementEnd ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, false, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, false, false); }
statementEnd : NL | EOF ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, false); if (_input->LA(1) == NL) consume(); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, false); if (_input->LA(1) == NL) consume(); }

// A line that does not start like a declaration (BCP007); consumed up to its newline.
invalidStatement
  : ~(NL | EOF | AT | TARGET_SCOPE | METADATA | PARAM | VAR | RESOURCE | MODULE | OUTPUT | TYPE | FUNC | IMPORT
      | EXTENSION | EXTENSION_CONFIG | ASSERT | TEST | USING | EXTENDS) ~NL*
  ;

// A decorator's expression is a recovery component (terminator: newline) that starts with a name (BCP123).
decorator : AT decoratorExpression NL+ ;
decoratorExpression
  : { Require(IsTerminator(_input->LA(1), kIdent), kWhatDecoratorName); } expression
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, false, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, false, false); }

declaration
  : targetScopeDecl
  | metadataDecl
  | paramDecl
  | varDecl
  | resourceDecl
  | moduleDecl
  | outputDecl
  | typeDecl
  | funcDecl
  | importDecl
  | extensionDecl
  | assertDecl
  | testDecl
  ;

paramsDeclaration
  : usingDecl
  | extendsDecl
  | paramAssignment
  | varDecl
  | importDecl
  | extensionConfigAssignment
  | typeDecl
  | funcDecl
  | metadataDecl
  ;

targetScopeDecl : TARGET_SCOPE declAssign[false, kNL] declValue[false, kNL] ;
metadataDecl    : METADATA declName[kWhatMetadata, kAssign | kNL] declAssign[true, kNL] declValue[true, kNL] ;
paramDecl       : PARAM declName[kWhatParam, kIdent | kNL] paramType[true, kAssign | kLBrace | kNL] paramDefault[true] ;
varDecl         : VAR declName[kWhatVar, kIdent | kNL] varType[true] declAssign[true, kNL] declValue[true, kNL] ;
resourceDecl
  : RESOURCE declName[kWhatResource, kString | kNL] declString[true, kWhatResourceType] EXISTING?
    declAssign[true, kLBrace | kNL] declBody[true, kWhatBodyOrIfOrLoop]
  ;
moduleDecl
  : MODULE declName[kWhatModule, kString | kNL] declString[true, kWhatModulePath] declAssign[true, kLBrace | kNL]
    declBody[true, kWhatBodyOrIfOrLoop]
  ;
outputDecl      : OUTPUT declName[kWhatOutput, kIdent | kNL] paramType[true, kAssign | kNL] declAssign[true, kNL] declValue[true, kNL] ;
typeDecl        : TYPE declName[kWhatType, kAssign | kNL] declAssign[true, kNL] typeValue[true] ;
funcDecl        : FUNC identifier typedLambda ;
importDecl
  : IMPORT (importedSymbols | wildcardImport) FROM string
  | IMPORT string (WITH object)? (AS identifier)?        // legacy `import 'az@1.0.0'`
  ;
importedSymbols : LBRACE NL* (importedSymbol (separator importedSymbol)* separator?)? RBRACE ;
importedSymbol  : (identifier | string) (AS identifier)? ;
wildcardImport  : STAR AS identifier ;
extensionDecl   : EXTENSION (identifier | string) (WITH object)? (AS identifier)? ;
assertDecl      : ASSERT declName[kWhatAssert, kAssign | kNL] declAssign[true, kNL] declValue[true, kNL] ;
testDecl
  : TEST declName[kWhatTest, kString | kNL] declString[true, kWhatTestPath] declAssign[true, kLBrace | kNL]
    testBody[true]
  ;
// a test's value is an object literal (BCP018 "{" otherwise)
testBody[bool chained] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : object ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, _localctx->suppress); }

usingDecl       : USING (string | NONE) (WITH object)? ;
extendsDecl     : EXTENDS string ;
paramAssignment : PARAM declName[kWhatParam, kIdent | kNL] varType[true] declAssign[true, kNL] declValue[true, kNL] ;
extensionConfigAssignment : EXTENSION_CONFIG declName[kWhatExtensionAlias, kIdent | kNL] extensionWith ;
// `with {...}` of an extension configuration: a recovery component, and so is its object.
extensionWith locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : WITH withObject ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, _localctx->suppress); }
withObject @after { Done(_localctx); } : object ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, false); }

resourceTypeRef : RESOURCE string ;

// ---- recovery components (see the members above): each catches its own errors ----
declName[int what, int terms] @after { Done(_localctx); name_empty_ = false; } : identifier ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, terms, false); name_empty_ = last_empty_; }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, terms, false); name_empty_ = last_empty_; }
declAssign[bool chained, int terms] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : ASSIGN ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, terms, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, terms, _localctx->suppress); }
declValue[bool chained, int terms] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : expression ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, terms, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, terms, _localctx->suppress); }
// a `var` or (.bicepparam) `param` type: absent before `=`, a newline or the end
varType[bool chained] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : { Require(_input->LA(1) == NL || _input->LA(1) == ASSIGN || _input->LA(1) == antlr4::Token::EOF
              || TypeCanStart(_input->LA(1)), kWhatTypeExpression); } typeExpression?
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kAssign | kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kAssign | kNL, _localctx->suppress); }
paramType[bool chained, int terms] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : { Require(TypeCanStart(_input->LA(1)), kWhatTypeExpression); } (resourceTypeRef | typeExpression) ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, terms, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, terms, _localctx->suppress); }
paramDefault[bool chained] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : { Require(_input->LA(1) == NL || _input->LA(1) == ASSIGN || _input->LA(1) == antlr4::Token::EOF,
              kWhatParamContinuation); } (ASSIGN declValue[false, kNL])?
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, _localctx->suppress); }
typeValue[bool chained] locals [bool suppress = false]
  @init { _localctx->suppress = chained && name_empty_; } @after { Done(_localctx); }
  : { Require(TypeCanStart(_input->LA(1)), kWhatTypeExpression); } typeExpression ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kAssign | kLBrace | kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kAssign | kLBrace | kNL, _localctx->suppress); }
// The type string of a resource, the path of a module or test: without one, the official parser
// skips the rest of the line (the failed component stays in the tree, for the BCP090 position).
declString[bool chained, int what] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : { Require(_input->LA(1) == STR_OPEN || _input->LA(1) == MSTR_OPEN || _input->LA(1) == IMSTR_OPEN, what); } string ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, _localctx->suppress, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, _localctx->suppress, false); }
declBody[bool chained, int what] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(chained); } @after { Done(_localctx); }
  : { Require(BodyCanStart(), what); } NL* resourceBody ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL, _localctx->suppress); }
resourceBody    : ifCondition[false] | forExpression[true] | object ;
// The condition and the body are recovery components (inside a loop, `]` ends them too).
ifCondition[bool in_for] : IF ifTest[in_for] ifBody[in_for] ;
ifTest[bool in_for] @after { Done(_localctx); } : parenthesizedExpression ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kLBrace | kNL | (in_for ? kRBrack : 0), false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kLBrace | kNL | (in_for ? kRBrack : 0), false); }
ifBody[bool in_for] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : object ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL | (in_for ? kRBrack : 0), _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL | (in_for ? kRBrack : 0), _localctx->suppress); }

// ---- names: keywords are contextual ----
identifier
  : IDENTIFIER | TARGET_SCOPE | METADATA | PARAM | VAR | RESOURCE | MODULE | OUTPUT | TYPE | FUNC | IMPORT
  | EXTENSION | EXTENSION_CONFIG | ASSERT | TEST | USING | EXTENDS | EXISTING | IF | FOR | IN | WITH | AS | FROM
  | NONE
  ;

// ---- expressions ----
expression
  : expression DOT QUESTION? identifier (LPAREN NL* arguments? RPAREN)?                 # memberExpr
  // An empty indexer `x[]` parses and is reported while building the tree (BCP117), as officially.
  | expression LBRACK QUESTION? HAT? NL* (expression NL*)? RBRACK                       # indexExpr
  | expression DOUBLE_COLON identifier                                                  # resourceAccessExpr
  | expression EXCL                                                                     # nonNullExpr
  | op=(EXCL | MINUS) expression                                                        # unaryExpr
  | expression op=(STAR | SLASH | PERCENT) expression                                   # binaryExpr
  | expression op=(PLUS | MINUS) expression                                             # binaryExpr
  | expression op=(GT | GTE | LT | LTE) expression                                      # binaryExpr
  | expression op=(EQ | NEQ | EQI | NEQI) expression                                    # binaryExpr
  | expression op=AND expression                                                        # binaryExpr
  | expression op=OR expression                                                         # binaryExpr
  | expression op=COALESCE expression                                                   # binaryExpr
  // Newlines before `?` are taken off the default channel by the token stream (HideNewlinesBeforeTernary
  // in compiler/syntax/parser.cpp): with `NL* QUESTION` here, every expression followed by a newline
  // needed an unbounded-lookahead prediction.
  | <assoc=right> expression QUESTION NL* expression NL* COLON NL* expression           # ternaryExpr
  | primaryExpression                                                                   # primaryExpr
  | LPAREN NL* (localVariable (COMMA NL* localVariable)*)? NL* RPAREN ARROW lambdaBody  # lambdaExpr
  | localVariable ARROW lambdaBody                                                  # lambdaExpr
  ;

primaryExpression
  : literalValue
  | string
  | object
  | array
  | forExpression[false]
  | parenthesizedExpression
  | functionCall
  | identifier
  ;

literalValue : INTEGER | TRUE_KW | FALSE_KW | NULL_KW ;

// Zero or several comma-separated expressions parse and are reported while building the tree (BCP243).
parenthesizedExpression : LPAREN NL* (expression NL* (COMMA NL* expression NL*)*)? RPAREN ;
functionCall  : identifier LPAREN NL* arguments? RPAREN ;
// Arguments: newlines after '(' and after each comma and before ')'; a trailing comma is not allowed.
arguments     : argument (COMMA NL* argument)* NL* ;
// Arguments are recovery components (terminators: newline, `,`, `)`); a failed one stays in the tree.
argument @after { last_empty_ = false; }
  : expression
  // a token no expression starts with, e.g. the comma of `f(, x)`: an argument is missing (BCP009)
  | { Require(false, kWhatExpression); } ~(NL | RPAREN | ELLIPSIS | IDENTIFIER | TARGET_SCOPE | METADATA | PARAM | VAR
      | RESOURCE | MODULE | OUTPUT | TYPE | FUNC | IMPORT | EXTENSION | EXTENSION_CONFIG | ASSERT | TEST | USING
      | EXTENDS | EXISTING | IF | FOR | IN | WITH | AS | FROM | NONE | STR_OPEN | MSTR_OPEN | IMSTR_OPEN | INTEGER
      | TRUE_KW | FALSE_KW | NULL_KW | LBRACE | LBRACK | LPAREN | MINUS | EXCL)
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL | kComma | kRParen, false, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL | kComma | kRParen, false, false); }

localVariable : identifier ;
// A lambda body is a recovery component (terminators: newline, `)`); newlines before it are part of
// it unless a declaration keyword follows them (then the body is missing: BCP009 at the newline).
lambdaBody
  : { Require(!DeclarationAfterNewlines(), kWhatExpression); } NL* expression
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL | kRParen, false, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL | kRParen, false, false); }

// Items are separated by a comma or a newline run; a comma followed by newlines is parsed
// here and reported (BCP238) while building the tree.
separator : COMMA NL* | NL+ ;

// An item not separated from the one before (BCP236) is parsed (LL stage) as the official parser
// does, when it cannot be read as a continuation of the item before.
object
  : LBRACE NL* (objectItem (separator objectItem | missingSeparator bareObjectItem)* separator?)? RBRACE
  ;
// Object items are recovery components (terminators: newline, `}`); so are a property's colon and value.
objectItem
  : (identifier | string) { last_empty_ = false; } propColon propValue  // property
  | ELLIPSIS propValue                         // spread
  | decorator* { DecoratorsBeforeResource(_localctx); } resourceDecl  // nested child resource
  | { Require(false, kWhatPropertyName); } ~(NL | RBRACE | ELLIPSIS | AT | IDENTIFIER | TARGET_SCOPE | METADATA
      | PARAM | VAR | RESOURCE | MODULE | OUTPUT | TYPE | FUNC | IMPORT | EXTENSION | EXTENSION_CONFIG | ASSERT
      | TEST | USING | EXTENDS | EXISTING | IF | FOR | IN | WITH | AS | FROM | NONE | STR_OPEN | MSTR_OPEN
      | IMSTR_OPEN)
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); ObjectItemError(_localctx); }
  catch [bicepc::grammar::ComponentError &] { ObjectItemError(_localctx); }
bareObjectItem
  : (identifier | string) { last_empty_ = false; } propColon propValue
  | ELLIPSIS propValue
  | decorator* resourceDecl
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); ObjectItemError(_localctx); }
  catch [bicepc::grammar::ComponentError &] { ObjectItemError(_localctx); }
missingSeparator : { MissingSeparator(); } ;
propColon locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : COLON ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL | kRBrace, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL | kRBrace, _localctx->suppress); }
propValue locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : expression ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL | kRBrace, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL | kRBrace, _localctx->suppress); }

array      : LBRACK NL* (arrayItem (separator arrayItem)* separator?)? RBRACK ;
// Array items are recovery components (terminators: newline, `]`).
arrayItem @after { last_empty_ = false; }
  : ELLIPSIS expression
  | expression
  | { Require(false, kWhatExpression); } ~(NL | RBRACK | ELLIPSIS | IDENTIFIER | TARGET_SCOPE | METADATA | PARAM | VAR
      | RESOURCE | MODULE | OUTPUT | TYPE | FUNC | IMPORT | EXTENSION | EXTENSION_CONFIG | ASSERT | TEST | USING
      | EXTENDS | EXISTING | IF | FOR | IN | WITH | AS | FROM | NONE | STR_OPEN | MSTR_OPEN | IMSTR_OPEN | INTEGER
      | TRUE_KW | FALSE_KW | NULL_KW | LBRACE | LBRACK | LPAREN | MINUS | EXCL)
  ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kNL | kRBrack, false, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kNL | kRBrack, false, false); }

// After the variables, each part is a recovery component (terminators `]` and newline; the
// iterable also `:`), as officially.
forExpression[bool in_resource]
  : LBRACK NL* FOR forVariables forIn forIterable forColon forBodyPart[in_resource] NL* forClose
  ;
// A variable block of other than two names parses and is reported while building the tree (BCP249).
forVariables  : localVariable | LPAREN (localVariable (COMMA localVariable)* COMMA?)? RPAREN ;
forIn @after { Done(_localctx); } : IN ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kRBrack | kNL, false); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kRBrack | kNL, false); }
forIterable locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : expression ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kColon | kRBrack | kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kColon | kRBrack | kNL, _localctx->suppress); }
forColon locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : COLON ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kRBrack | kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kRBrack | kNL, _localctx->suppress); }
forBodyPart[bool in_resource] locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : { Require(!in_resource || _input->LA(1) == LBRACE || _input->LA(1) == IF, kWhatBodyOrIf); } forBody ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kRBrack | kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kRBrack | kNL, _localctx->suppress); }
forClose locals [bool suppress = false]
  @init { _localctx->suppress = Chained(true); } @after { Done(_localctx); }
  : RBRACK ;
  catch [antlr4::RecognitionException &e] { Failed(e); Recover(_localctx, kRBrack | kNL, _localctx->suppress); }
  catch [bicepc::grammar::ComponentError &] { Recover(_localctx, kRBrack | kNL, _localctx->suppress); }
forBody       : ifCondition[true] | expression ;

// Strings: see BicepLexer.g4. A hole or a string ends with STR_UNTERMINATED when the
// lexer met a newline or EOF inside it.
string
  : STR_OPEN (STR_TEXT | STR_ESCAPE | hole)* (STR_CLOSE | STR_UNTERMINATED)?
  | MSTR_OPEN MSTR_TEXT* (MSTR_CLOSE | STR_UNTERMINATED)
  | IMSTR_OPEN (MSTR_TEXT | hole)* (MSTR_CLOSE | STR_UNTERMINATED)?
  ;
hole : HOLE_OPEN expression (RBRACE | STR_UNTERMINATED) ;

// Typed lambda of a `func` declaration: (a string, b int) string => body
typedLambda : LPAREN NL* (typedLocalVariable (COMMA NL* typedLocalVariable)*)? NL* RPAREN typeExpression ARROW NL* expression ;
typedLocalVariable : identifier typeExpression ;

// ---- types ----
// A union may start with '|' and may continue on the next line before '|'.
// Newlines before `|` are hidden before parsing (parser.cpp), so continuing a union needs one token of lookahead.
typeExpression : (PIPE NL*)? singleType (PIPE NL* singleType)* ;

singleType
  : singleType LBRACK RBRACK                  # typeArray
  | singleType LBRACK STAR RBRACK             # typeItems
  | singleType LBRACK expression RBRACK       # typeIndex
  | singleType DOT STAR                       # typeAdditional
  | singleType DOT identifier                 # typeProperty
  | singleType QUESTION                       # typeNullable
  | singleType EXCL                           # typeNonNull
  | primaryType                               # typePrimary
  ;

primaryType
  // [sys.]resourceInput<'T@v'>; arguments not separated by a comma are read as the official parser does (BCP236)
  : (identifier DOT)? identifier LT NL* (typeExpression (COMMA NL* typeExpression | missingSeparator typeExpression)*)? NL* GT
  | identifier
  | string
  | INTEGER
  | TRUE_KW
  | FALSE_KW
  | NULL_KW
  | op=(MINUS | EXCL) primaryType
  | typeObject
  | typeTuple
  | LPAREN NL* (typeExpression (COMMA NL* typeExpression)*)? NL* RPAREN  // other than one type: BCP243
  ;

typeObject     : LBRACE NL* (typeObjectItem (separator typeObjectItem)* separator?)? RBRACE ;
typeObjectItem : decorator* (identifier | string | STAR) COLON typeExpression ;
typeTuple      : LBRACK NL* (typeTupleItem (separator typeTupleItem)* separator?)? RBRACK ;
// The official formatter writes `[@discriminator('type'), A | B]`: a decorator in a
// single-line tuple may end with a comma instead of a newline.
typeTupleItem  : (decorator | tupleItemDecorator)* typeExpression ;
tupleItemDecorator : AT expression COMMA ;
