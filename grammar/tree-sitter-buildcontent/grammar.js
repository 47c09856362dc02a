/**
 * Tree-sitter grammar for ECS Image Builder templates (*.buildcontent, *.testcontent) and
 * Dockerfile-format components (*.imagecomponent). The normative grammar is ../buildcontent.ebnf;
 * this one follows bclint's parser (crates/bc_syntax) token for token where the line structure is
 * concerned, and the differential test (editors/tree-sitter/differential.py) checks that they
 * agree on every fixture of the repository.
 *
 * Keywords match case-insensitively. A keyword must be followed by a blank, a line break, a
 * line continuation or the end of the file (the external scanner checks that), so `RUNX` is an
 * error, as it is for bclint (BC002). A line whose first word is not a keyword is an ERROR.
 */

const NL = String.raw`(\r\n|\n|\r)`;
// C0 control characters other than tab and line breaks, and DEL: an error wherever they are
// (BC001), so no token holds one.
const CTL = String.raw`\x00-\x08\x0B\x0C\x0E-\x1F\x7F`;
// Quoted strings as bclint's lexer reads them: escapes and escaped line breaks inside.
const DQ = String.raw`"([^"\\\r\n${CTL}]|\\[^\r\n${CTL}]|\\${NL})*"`;
const SQ = String.raw`'([^'\\\r\n${CTL}]|\\[^\r\n${CTL}]|\\${NL})*'`;
// A backslash that does not end the line: it escapes the next character, or blanks follow it
// before more text (a backslash followed only by blanks up to the line break is a continuation).
const BS = String.raw`\\[^ \t\r\n${CTL}]|\\[ \t]+[^ \t\r\n\\"'${CTL}]`;

/** A case-insensitive regular expression for `word`. */
function caseless(word) {
  return new RegExp(word.split('').map((c) => `[${c.toLowerCase()}${c}]`).join(''));
}

module.exports = grammar({
  name: 'buildcontent',

  externals: ($) => [$._keyword_end, $._error_sentinel],

  extras: () => [/[ \t\uFEFF]/],

  rules: {
    // Lines separated by line breaks; the last line needs none.
    source_file: ($) => seq(optional($._line), repeat(seq($._newline, optional($._line)))),

    _line: ($) => choice($.comment, $.suppression, $._instruction),

    // One rule per keyword. The EBNF, the TextMate grammar, the Emacs mode and bc_syntax list the
    // same keywords (editors/tree-sitter/keywords.py compares them with src/grammar.json).
    _instruction: ($) => choice(
      $.component_instruction,
      $.restart_instruction,
      $.run_instruction,
      $.env_instruction,
      $.workdir_instruction,
      $.copy_instruction,
      $.user_instruction,
      $.label_instruction,
      $.cmd_instruction,
      $.entrypoint_instruction,
      $.from_instruction,
    ),

    // A reference (an `ic-` id or an ARN), then `--name value` parameters. What is missing or
    // malformed here is a lint finding (BC103, BC105), not a syntax error.
    component_instruction: ($) => seq(
      keyword($, 'COMPONENT'),
      repeat($._continuation),
      optional(seq(
        choice(field('reference', alias($.word, $.component_reference)), $.parameter),
        repeat(choice($.parameter, $._continuation, $.word)),
      )),
    ),
    restart_instruction: ($) => seq(keyword($, 'RESTART'), optional($._arguments)),
    run_instruction: ($) => seq(keyword($, 'RUN'), optional($._shell_text)),
    // `ENV name value` (the value is shell text) or `ENV name=value ...`. Malformed pairs are
    // lint findings (BC109), not syntax errors.
    env_instruction: ($) => seq(
      keyword($, 'ENV'),
      repeat($._continuation),
      optional(choice(
        seq(field('name', $.variable_name), $.shell_command),
        seq($.env_pair, repeat(choice($.env_pair, $._continuation))),
      )),
    ),
    workdir_instruction: ($) => seq(keyword($, 'WORKDIR'), optional($._arguments)),
    copy_instruction: ($) => seq(keyword($, 'COPY'), optional($._arguments)),
    user_instruction: ($) => seq(keyword($, 'USER'), optional($._arguments)),
    // `LABEL key="value" ...`; a malformed pair is a lint finding (BC110).
    label_instruction: ($) => seq(
      keyword($, 'LABEL'),
      repeat(choice($.label_pair, $._continuation)),
    ),
    cmd_instruction: ($) => seq(keyword($, 'CMD'), optional($._command_form)),
    entrypoint_instruction: ($) => seq(keyword($, 'ENTRYPOINT'), optional($._command_form)),
    from_instruction: ($) => seq(keyword($, 'FROM'), optional($._arguments)),

    // CMD and ENTRYPOINT: a JSON array when the arguments start with `[` (the exec form), else
    // shell text. Elements that are not strings are kept (bclint reports them as BC108); malformed
    // JSON is an error, as it is for bclint (BC001).
    _command_form: ($) => choice(
      seq(repeat1($._continuation), optional(choice($.exec_form, $.shell_command))),
      $.exec_form,
      $.shell_command,
    ),
    exec_form: ($) => seq(
      token(prec(2, '[')),
      repeat($._continuation),
      optional(seq(
        $._exec_element,
        repeat(seq(',', repeat($._continuation), $._exec_element)),
      )),
      ']',
    ),
    _exec_element: ($) => seq(
      choice($.json_string, repeat1($.bare_element)),
      repeat($._continuation),
    ),
    json_string: () => new RegExp(String.raw`"([^"\\\r\n${CTL}]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"`),
    bare_element: () => new RegExp(String.raw`([^ \t\r\n"'\\\[\],=#${CTL}]|${SQ})+`),

    // Shell text: physical lines joined by continuations, passed to the shell unchanged.
    // The node starts at the first text: continuations before it belong to the command.
    _shell_text: ($) => choice(
      seq(repeat1($._continuation), optional($.shell_command)),
      $.shell_command,
    ),
    shell_command: ($) => seq($.shell_fragment, repeat(choice($.shell_fragment, $._continuation))),
    // One physical line's text, from its first non-blank character.
    shell_fragment: () => token(new RegExp(
      String.raw`([^ \t\\\r\n"'${CTL}]|${BS}|${DQ}|${SQ})([^\\\r\n"'${CTL}]|${BS}|${DQ}|${SQ})*`,
    )),

    _arguments: ($) => repeat1(choice($.word, $._continuation)),
    word: () => token(new RegExp(String.raw`([^ \t\r\n\\"'${CTL}]|${BS}|${DQ}|${SQ})+`)),

    env_pair: ($) => pair($, field('name', $.variable_name)),
    label_pair: ($) => pair($, field('key', $.label_key)),
    variable_name: () => new RegExp(String.raw`([^ \t\r\n\\"'=${CTL}]|${DQ}|${SQ})+`),
    label_key: () => new RegExp(String.raw`([^ \t\r\n\\"'=${CTL}]|${DQ}|${SQ})+`),
    _immediate_word: () => token.immediate(new RegExp(String.raw`([^ \t\r\n\\"'${CTL}]|${BS}|${DQ}|${SQ})+`)),

    component_reference: () => token(prec(1, /(ic-|acs:)[^ \t\r\n\\"']*/)),
    parameter: ($) => prec.right(seq(field('name', $.parameter_name), optional(field('value', $.word)))),
    parameter_name: () => token(prec(1, /--[^ \t\r\n\\"'=]*/)),

    // A continuation joins the next physical line; comment lines right after it belong to the
    // command and are dropped, as in Dockerfiles. A backslash at the very end of the file
    // continues nothing (bclint reports BC005) but still belongs to the command.
    _continuation: ($) => prec.right(seq($.line_continuation, repeat(seq(choice($.comment, $.suppression), $._newline)))),
    line_continuation: () => token(prec(1, new RegExp(String.raw`\\[ \t]*${NL}?`))),

    comment: () => token(prec(1, new RegExp(String.raw`#[^\r\n${CTL}]*`))),
    // `# bclint: ignore=BC301,BC303 -- reason` and `# bclint: ignore-file=...`.
    suppression: () => token(prec(2, new RegExp(String.raw`#[ \t]*bclint:[ \t]*ignore(-file)?[ \t]*=[^\r\n${CTL}]*`))),

    _newline: () => /\r\n|\n|\r/,
  },
});

/** `key=value`, `key=`, `=value` or a lone `key`: all are pairs to bclint, the odd ones wrong. */
function pair($, key) {
  const value = optional(field('value', alias($._immediate_word, $.value)));
  return choice(seq(key, optional(seq(token.immediate(prec(1, '=')), value))), seq(token(prec(1, '=')), value));
}

/** A keyword token, named by its canonical upper-case spelling, and the check that ends it. */
function keyword($, word) {
  return seq(alias(caseless(word), word), $._keyword_end);
}

