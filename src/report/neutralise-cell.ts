/** Leading characters a spreadsheet may read as a formula or a control (OWASP "CSV injection"). */
const DANGEROUS_START = /^[=+\-@\t\r]/;

/**
 * Makes a text cell inert in a spreadsheet: one that starts with =, +, -, @, a tab or a carriage
 * return gets a leading apostrophe, so Excel or LibreOffice shows it as text and never runs it.
 *
 * @example
 * neutraliseCell('=HYPERLINK("http://x")'); // → "'=HYPERLINK(\"http://x\")"
 */
export function neutraliseCell(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}
