// External scanner: checks that a keyword ends where bclint's parser ends the first word of a
// line, so `RUNX` or `RUN"x"` is not read as `RUN` followed by arguments.
#include "tree_sitter/parser.h"

enum TokenType { KEYWORD_END, ERROR_SENTINEL };

void *tree_sitter_buildcontent_external_scanner_create(void) { return NULL; }
void tree_sitter_buildcontent_external_scanner_destroy(void *payload) { (void)payload; }
unsigned tree_sitter_buildcontent_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}
void tree_sitter_buildcontent_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_blank(int32_t c) { return c == ' ' || c == '\t'; }
static bool is_line_break(int32_t c) { return c == '\n' || c == '\r'; }

bool tree_sitter_buildcontent_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  // During error recovery every symbol is valid; a zero-width token there would only get in
  // the way.
  if (valid_symbols[ERROR_SENTINEL] || !valid_symbols[KEYWORD_END]) return false;
  // The token is empty: the scanner only looks ahead.
  lexer->mark_end(lexer);
  lexer->result_symbol = KEYWORD_END;
  int32_t c = lexer->lookahead;
  if (lexer->eof(lexer) || is_blank(c) || is_line_break(c)) return true;
  if (c != '\\') return false;
  // A backslash right after the keyword must be a line continuation.
  lexer->advance(lexer, false);
  while (is_blank(lexer->lookahead)) lexer->advance(lexer, false);
  return lexer->eof(lexer) || is_line_break(lexer->lookahead);
}
