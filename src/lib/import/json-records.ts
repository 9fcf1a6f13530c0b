import { formatInt } from '../format/number';
import { MAX_ROW_CHARS, REJECT_TEXT_CHARS } from './delimited-parser';

/** One JSON row's text (an NDJSON line or an array item), or why it cannot be read. */
export interface JsonRecord {
	/** The row's number: the NDJSON line, or the item's position in the array (1-based). */
	row: number;
	text: string;
	problem?: string;
}

function tooLong(chars: number): string {
	return `the row is longer than 1 MB (${formatInt(chars)} characters; a row may be 1 MB at most)`;
}

/** NDJSON lines fed a piece at a time; blank lines are not rows; a line over 1 MB is skipped unheld. */
export class NdjsonSplitter {
	#carry = '';
	#line = 0;
	#skipping: { head: string; chars: number } | null = null;

	push(text: string, final: boolean): JsonRecord[] {
		const records: JsonRecord[] = [];
		let from = 0;
		for (;;) {
			const newline = text.indexOf('\n', from);
			if (newline < 0) break;
			this.#line++;
			this.#finishLine(text.slice(from, newline), records);
			from = newline + 1;
		}
		const rest = text.slice(from);
		if (this.#skipping) this.#skipping.chars += rest.length;
		else this.#carry += rest;
		if (!this.#skipping && this.#carry.length > MAX_ROW_CHARS) {
			this.#skipping = { head: this.#carry.slice(0, REJECT_TEXT_CHARS), chars: this.#carry.length };
			this.#carry = '';
		}
		if (final && (this.#carry.trim() !== '' || this.#skipping)) {
			this.#line++;
			this.#finishLine('', records);
		}
		return records;
	}

	#finishLine(tail: string, records: JsonRecord[]): void {
		const skipping = this.#skipping;
		const text = (this.#carry + tail).replace(/\r$/, '');
		this.#carry = '';
		this.#skipping = null;
		if (skipping) {
			records.push({ row: this.#line, text: skipping.head, problem: tooLong(skipping.chars + tail.length) });
		} else if (text.length > MAX_ROW_CHARS) {
			records.push({
				row: this.#line,
				text: text.slice(0, REJECT_TEXT_CHARS),
				problem: tooLong(text.length)
			});
		} else if (text.trim() !== '') records.push({ row: this.#line, text });
	}
}

/**
 * The items of one JSON array, fed a piece at a time, each item's text cut out by tracking strings and
 * nesting (parsed later): an item ends at a `,` or the closing `]` outside any string or bracket. Anything
 * but white space outside the array, or a file that ends inside it, is a problem of the whole file
 * (`fileProblem`). An item over 1 MB is skipped unheld.
 */
export class JsonArraySplitter {
	#state: 'before' | 'between' | 'item' | 'after' = 'before';
	#depth = 0;
	#inString = false;
	#escape = false;
	#item = '';
	#itemChars = 0;
	#itemNo = 0;
	fileProblem: string | null = null;

	push(text: string, final: boolean): JsonRecord[] {
		const records: JsonRecord[] = [];
		let from = 0;
		for (let i = 0; i < text.length && this.fileProblem === null; i++) {
			const c = text[i];
			if (this.#state === 'item') {
				if (this.#inString) {
					if (this.#escape) this.#escape = false;
					else if (c === '\\') this.#escape = true;
					else if (c === '"') this.#inString = false;
				} else if (c === '"') this.#inString = true;
				else if (c === '{' || c === '[') this.#depth++;
				else if (this.#depth > 0 && (c === '}' || c === ']')) this.#depth--;
				else if (this.#depth === 0 && (c === ',' || c === ']')) {
					this.#hold(text.slice(from, i));
					this.#endItem(records);
					this.#state = c === ',' ? 'between' : 'after';
				}
				continue;
			}
			if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\uFEFF') continue;
			if (this.#state === 'before' && c === '[') this.#state = 'between';
			else if (this.#state === 'between' && c === ']') this.#state = 'after';
			else if (this.#state === 'between') {
				this.#state = 'item';
				this.#itemNo++;
				this.#depth = c === '{' || c === '[' ? 1 : 0;
				this.#inString = c === '"';
				from = i;
			} else {
				const where = this.#state === 'before' ? 'before the array' : 'after the array';
				this.fileProblem = `unexpected ${JSON.stringify(c)} ${where}: a .json file must hold one array of objects`;
			}
		}
		if (this.#state === 'item') this.#hold(text.slice(from));
		if (final && this.fileProblem === null) {
			if (this.#state === 'before') this.fileProblem = 'there is no JSON array in it';
			else if (this.#state !== 'after') {
				this.fileProblem = `it ends inside the array (after item ${formatInt(this.#itemNo)}): the file is cut short`;
			}
		}
		return records;
	}

	#hold(text: string): void {
		this.#itemChars += text.length;
		if (this.#itemChars <= MAX_ROW_CHARS) this.#item += text;
		else if (this.#item.length > REJECT_TEXT_CHARS) this.#item = this.#item.slice(0, REJECT_TEXT_CHARS);
	}

	#endItem(records: JsonRecord[]): void {
		const chars = this.#itemChars;
		const text = this.#item.trim();
		this.#item = '';
		this.#itemChars = 0;
		if (chars > MAX_ROW_CHARS) {
			records.push({ row: this.#itemNo, text: text.slice(0, REJECT_TEXT_CHARS), problem: tooLong(chars) });
		} else records.push({ row: this.#itemNo, text });
	}
}
