/**
 * Text that people type into forms and that ends up in an email staff act on, a CSV cell or a chat
 * card. A one-line field must stay on one line: a line break in it would let the sender write
 * lines that look like the form's own ("Inskickat av: …"), and other control characters hide or
 * rewrite text on a terminal.
 */

// C0 (tab, CR and LF among them), DEL and C1 (NEL among them), and Unicode's line and paragraph separators.
const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;
const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]+/gu;
// Every way text can break a line, as one: CRLF, CR, LF, VT, FF, NEL, LS, PS.
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/gu;
// What is left that a multi-line field cannot show: control characters other than LF and tab.
const HIDDEN_CHARACTER = /(?![\n\t])\p{Cc}/u;

/** Whether a value holds anything a one-line field must not: a line break, a tab, another control character. */
export function hasControlCharacter(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** A value shown on one line whatever it holds (values saved before they were checked). */
export function oneLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ');
}

/** Line breaks of every kind as LF. */
export function normalizeLineBreaks(value: string): string {
  return value.replace(LINE_BREAK, '\n');
}

/**
 * The first character a multi-line value cannot show (after its line breaks are normalised), as
 * U+XXXX for the message; undefined when there is none. Tabs are kept: pasted tables have them.
 */
export function hiddenCharacter(value: string): string | undefined {
  const found = HIDDEN_CHARACTER.exec(value)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A multi-line value as lines, each free of control characters other than tabs. */
export function textLines(value: string): string[] {
  return normalizeLineBreaks(value)
    .split('\n')
    .map((line) => line.replace(/(?!\t)\p{Cc}/gu, ' '));
}
