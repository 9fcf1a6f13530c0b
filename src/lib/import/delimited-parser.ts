import { formatInt } from '../format/number';
/** The longest source row taken, in characters: a longer one is rejected with its length, never held. */
export const MAX_ROW_CHARS = 1 << 20;
/** How much of a rejected row's text is kept to show. */
export const REJECT_TEXT_CHARS = 2048;

/** One record of a delimited file: its fields, or why it cannot be read. */
export interface DelimitedRecord {
	fields: string[];
	/** Set when the record is malformed (text after a closing quote, unclosed quote, too long). */
	problem?: string;
	/** The record's text as far as kept (for a rejected row). */
	text: string;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * RFC 4180 records with any one-character delimiter, fed text a piece at a time (`push`): quotes, `""`
 * escapes, line breaks inside quotes, LF or CRLF or CR line ends. Blank lines are not records. A record
 * longer than `MAX_ROW_CHARS` is skipped to its end without being held, and returned with a problem.
 */
export class DelimitedParser {
	readonly #delimiter: number;
	#fields: string[] = [];
	#field = '';
	#quoted = false;
	#closedQuote = false;
	#atFieldStart = true;
	#problem: string | undefined;
	#recordChars = 0;
	#skipping = false;
	/** Lines begun inside the current quoted field: for the message when its quote is never closed. */
	#linesInQuote = 0;
	#lineBreakInQuote = false;
	#head = '';
	/** Text held back because its meaning depends on the next piece (a `"` inside quotes, a trailing CR). */
	#carry = '';

	constructor(delimiter: string) {
		this.#delimiter = delimiter.charCodeAt(0);
	}

	/** Every record completed by `text`; `final` for the last piece (an unterminated last line counts). */
	push(text: string, final: boolean): DelimitedRecord[] {
		const records: DelimitedRecord[] = [];
		const input = this.#carry + text;
		this.#carry = '';
		const end = input.length;
		let segment = 0;
		let i = 0;
		while (i < end) {
			const c = input.charCodeAt(i);
			if (this.#quoted) {
				if (c !== QUOTE) {
					if (c === LF) this.#lineBreakInQuote = true;
					else if (this.#lineBreakInQuote && c !== CR) {
						this.#linesInQuote++;
						this.#lineBreakInQuote = false;
					}
					i++;
					continue;
				}
				if (i + 1 === end && !final) {
					this.#append(input, segment, i);
					this.#carry = '"';
					segment = i = end;
					break;
				}
				this.#append(input, segment, i);
				if (input.charCodeAt(i + 1) === QUOTE) {
					this.#append('"', 0, 1);
					i += 2;
				} else {
					this.#quoted = false;
					this.#closedQuote = true;
					i++;
				}
				segment = i;
				continue;
			}
			if (c === this.#delimiter) {
				this.#append(input, segment, i);
				this.#endField();
				segment = ++i;
				continue;
			}
			if (c === LF || c === CR) {
				if (c === CR && i + 1 === end && !final) {
					this.#append(input, segment, i);
					this.#carry = '\r';
					segment = i = end;
					break;
				}
				this.#append(input, segment, i);
				const record = this.#endRecord();
				if (record) records.push(record);
				i += c === CR && input.charCodeAt(i + 1) === LF ? 2 : 1;
				segment = i;
				continue;
			}
			if (c === QUOTE && this.#atFieldStart && i === segment && this.#field === '') {
				this.#quoted = true;
				this.#linesInQuote = 0;
				this.#lineBreakInQuote = false;
				this.#atFieldStart = false;
				segment = ++i;
				continue;
			}
			if (this.#closedQuote && this.#problem === undefined) {
				this.#problem = 'text after a closing quote';
			}
			this.#atFieldStart = false;
			i++;
		}
		this.#append(input, segment, end);
		if (final) {
			if (this.#quoted) this.#problem = this.#unclosedQuote();
			const record = this.#endRecord();
			if (record) records.push(record);
		}
		return records;
	}

	/** Said of a quote still open at the end of the file: it swallowed the lines after it into one field. */
	#unclosedQuote(): string {
		const lines = this.#linesInQuote;
		const swallowed =
			lines > 0
				? `, so the ${lines === 1 ? 'line' : `${formatInt(lines)} lines`} after it were read into it`
				: '';
		return `a quoted field is never closed${swallowed}: close its quote (or double a quote inside it: "") and import again`;
	}

	#append(text: string, from: number, to: number): void {
		if (to <= from) return;
		this.#recordChars += to - from;
		if (this.#skipping) return;
		if (this.#recordChars > MAX_ROW_CHARS) {
			this.#head = [...this.#fields, this.#field + text.slice(from, to)]
				.join(String.fromCharCode(this.#delimiter))
				.slice(0, REJECT_TEXT_CHARS);
			this.#skipping = true;
			this.#fields = [];
			this.#field = '';
			return;
		}
		this.#field += text.slice(from, to);
	}

	#endField(): void {
		this.#recordChars++;
		if (!this.#skipping) this.#fields.push(this.#field);
		this.#field = '';
		this.#closedQuote = false;
		this.#atFieldStart = true;
	}

	#endRecord(): DelimitedRecord | null {
		const blank = this.#fields.length === 0 && this.#field === '' && !this.#closedQuote && !this.#skipping;
		this.#endField();
		const fields = this.#fields;
		const chars = this.#recordChars;
		const skipped = this.#skipping;
		const problem = this.#problem;
		// The file ends inside a quote: that, not the length it swallowed, is what to fix.
		const unclosed = this.#quoted;
		this.#fields = [];
		this.#problem = undefined;
		this.#recordChars = 0;
		this.#skipping = false;
		this.#quoted = false;
		if (blank) return null;
		if (skipped) {
			return {
				fields: [],
				problem: unclosed
					? problem
					: `the row is longer than 1 MB (${formatInt(chars)} characters; a row may be 1 MB at most)`,
				text: this.#head
			};
		}
		const text = fields.join(String.fromCharCode(this.#delimiter)).slice(0, REJECT_TEXT_CHARS);
		return problem ? { fields, problem, text } : { fields, text };
	}
}
