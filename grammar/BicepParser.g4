// Parser for .bicep (start rule `program`) and .bicepparam (start rule `paramsProgram`),
// following the official parser's newline rules (notes/antlr-and-grammar.md §3.3):
// NL is a real token and appears only where a newline is allowed. Declarations are
// LL(1) on their introducer; expressions are one left-recursive rule whose
// alternatives are ordered from the highest to the lowest precedence.
parser grammar BicepParser;

options { tokenVocab = BicepLexer; }

@parser::header {
#ifndef BICEPC_GRAMMAR_STATEMENT_ABORT
#define BICEPC_GRAMMAR_STATEMENT_ABORT
namespace bicepc::grammar {
// Thrown by the adapter's error strategy (LL stage) after reporting the first error of
// a statement; the statement rules catch it and skip to the end of the statement.
struct StatementAbort {};
}  // namespace bicepc::grammar
#endif
}

@parser::members {
  // Skips the rest of a statement after an error. An error in the declaration's header
  // (no bracket open yet) skips to the end of its line, as the official parser does (the
  // lines after it then report BCP007 on their own). An error inside brackets skips up to
  // the newline after those brackets close, or up to a newline followed by a declaration
  // keyword in column 0 (so an unclosed bracket does not swallow the file).
  void SkipStatement(antlr4::ParserRuleContext* statement) {
    auto* stream = getTokenStream();
    long depth = 0;
    for (auto i = statement->getStart()->getTokenIndex(); i < stream->index(); ++i) {
      auto* t = stream->get(i);
      if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      depth += Bracket(t->getType());
    }
    bool in_header = depth <= 0;
    for (;;) {
      auto type = stream->LA(1);
      if (type == antlr4::Token::EOF) break;
      if (type == NL) {
        if (depth <= 0) break;
        auto* next = stream->LT(2);
        if (next->getCharPositionInLine() == 0 && IsDeclarationKeyword(next->getType())) break;
      }
      if (!in_header) depth += Bracket(type);
      consume();
    }
    _errHandler->reset(this);
  }
  static long Bracket(std::size_t type) {
    switch (type) {
      case LBRACE: case LBRACK: case LPAREN: case HOLE_OPEN: return 1;
      case RBRACE: case RBRACK: case RPAREN: return -1;
      default: return 0;
    }
  }
  static bool IsDeclarationKeyword(std::size_t type) {
    switch (type) {
      case TARGET_SCOPE: case METADATA: case PARAM: case VAR: case RESOURCE: case MODULE: case OUTPUT: case TYPE:
      case FUNC: case IMPORT: case EXTENSION: case EXTENSION_CONFIG: case ASSERT: case TEST: case USING:
      case EXTENDS: case AT:
        return true;
      default:
        return false;
    }
  }
  // A recognition error caught by a statement rule itself: in the SLL stage (bail
  // strategy) restart in LL; in the LL stage report it and skip the statement.
  void StatementError(antlr4::RecognitionException& e, antlr4::ParserRuleContext* statement) {
    _errHandler->reportError(this, e);
    _errHandler->recover(this, std::make_exception_ptr(e));  // throws in the SLL stage
    SkipStatement(statement);
  }
}

// ---- files ----
program       : (NL | statement | invalidStatement)* EOF ;
paramsProgram : (NL | paramsStatement | invalidStatement)* EOF ;

statement       : decorator* declaration (NL | EOF) ;
  catch [antlr4::RecognitionException &e] { StatementError(e, _localctx); }
  catch [bicepc::grammar::StatementAbort &] { SkipStatement(_localctx); }
paramsStatement : decorator* paramsDeclaration (NL | EOF) ;
  catch [antlr4::RecognitionException &e] { StatementError(e, _localctx); }
  catch [bicepc::grammar::StatementAbort &] { SkipStatement(_localctx); }

// A line that does not start like a declaration (BCP007); consumed up to its newline.
invalidStatement
  : ~(NL | EOF | AT | TARGET_SCOPE | METADATA | PARAM | VAR | RESOURCE | MODULE | OUTPUT | TYPE | FUNC | IMPORT
      | EXTENSION | EXTENSION_CONFIG | ASSERT | TEST | USING | EXTENDS) ~NL*
  ;

decorator : AT expression NL+ ;

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

targetScopeDecl : TARGET_SCOPE ASSIGN expression ;
metadataDecl    : METADATA identifier ASSIGN expression ;
paramDecl       : PARAM identifier (resourceTypeRef | typeExpression) (ASSIGN expression)? ;
varDecl         : VAR identifier typeExpression? ASSIGN expression ;
resourceDecl    : RESOURCE identifier string EXISTING? ASSIGN NL* resourceBody ;
moduleDecl      : MODULE identifier string ASSIGN NL* resourceBody ;
outputDecl      : OUTPUT identifier (resourceTypeRef | typeExpression) ASSIGN expression ;
typeDecl        : TYPE identifier ASSIGN typeExpression ;
funcDecl        : FUNC identifier typedLambda ;
importDecl
  : IMPORT (importedSymbols | wildcardImport) FROM string
  | IMPORT string (WITH object)? (AS identifier)?        // legacy `import 'az@1.0.0'`
  ;
importedSymbols : LBRACE NL* (importedSymbol (separator importedSymbol)* separator?)? RBRACE ;
importedSymbol  : (identifier | string) (AS identifier)? ;
wildcardImport  : STAR AS identifier ;
extensionDecl   : EXTENSION (identifier | string) (WITH object)? (AS identifier)? ;
assertDecl      : ASSERT identifier ASSIGN expression ;
testDecl        : TEST identifier string ASSIGN expression ;

usingDecl       : USING (string | NONE) (WITH object)? ;
extendsDecl     : EXTENDS string ;
paramAssignment : PARAM identifier typeExpression? ASSIGN expression ;
extensionConfigAssignment : EXTENSION_CONFIG identifier WITH object ;

resourceTypeRef : RESOURCE string ;
resourceBody    : ifCondition | forExpression | object ;
ifCondition     : IF parenthesizedExpression object ;

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
  | LPAREN NL* (localVariable (COMMA NL* localVariable)*)? NL* RPAREN ARROW NL* expression  # lambdaExpr
  | localVariable ARROW NL* expression                                                  # lambdaExpr
  ;

primaryExpression
  : literalValue
  | string
  | object
  | array
  | forExpression
  | parenthesizedExpression
  | functionCall
  | identifier
  ;

literalValue : INTEGER | TRUE_KW | FALSE_KW | NULL_KW ;

// Zero or several comma-separated expressions parse and are reported while building the tree (BCP243).
parenthesizedExpression : LPAREN NL* (expression NL* (COMMA NL* expression NL*)*)? RPAREN ;
functionCall  : identifier LPAREN NL* arguments? RPAREN ;
// Arguments: newlines after '(' and after each comma and before ')'; a trailing comma is not allowed.
arguments     : expression (COMMA NL* expression)* NL* ;

localVariable : identifier ;

// Items are separated by a comma or a newline run; a comma followed by newlines is parsed
// here and reported (BCP238) while building the tree.
separator : COMMA NL* | NL+ ;

object     : LBRACE NL* (objectItem (separator objectItem)* separator?)? RBRACE ;
objectItem
  : (identifier | string) COLON expression     // property
  | ELLIPSIS expression                        // spread
  | decorator* resourceDecl                    // nested child resource
  ;

array      : LBRACK NL* (arrayItem (separator arrayItem)* separator?)? RBRACK ;
arrayItem  : ELLIPSIS expression | expression ;

forExpression : LBRACK NL* FOR forVariables IN expression COLON forBody NL* RBRACK ;
forVariables  : localVariable | LPAREN localVariable COMMA localVariable RPAREN ;
forBody       : ifCondition | expression ;

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
  : (identifier DOT)? identifier LT NL* typeExpression (COMMA NL* typeExpression)* NL* GT  // [sys.]resourceInput<'T@v'>
  | identifier
  | string
  | INTEGER
  | TRUE_KW
  | FALSE_KW
  | NULL_KW
  | op=(MINUS | EXCL) primaryType
  | typeObject
  | typeTuple
  | LPAREN NL* typeExpression NL* RPAREN
  ;

typeObject     : LBRACE NL* (typeObjectItem (separator typeObjectItem)* separator?)? RBRACE ;
typeObjectItem : decorator* (identifier | string | STAR) COLON typeExpression ;
typeTuple      : LBRACK NL* (typeTupleItem (separator typeTupleItem)* separator?)? RBRACK ;
// The official formatter writes `[@discriminator('type'), A | B]`: a decorator in a
// single-line tuple may end with a comma instead of a newline.
typeTupleItem  : (decorator | tupleItemDecorator)* typeExpression ;
tupleItemDecorator : AT expression COMMA ;
