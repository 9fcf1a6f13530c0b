/**
 * Independent readers for the raw contracts (docs/data-model.md), written from the spec rather than from the
 * generator, so tests re-derive counts from the files instead of trusting the generator's own.
 */

export interface CsvRecord {
	/** The record's text as in the file, without its line feed. */
	text: string;
	fields: string[];
	/** False only for a last line without a line feed. */
	terminated: boolean;
}

export interface CsvFile {
	header: string[];
	records: CsvRecord[];
}

/** RFC 4180: comma-separated, double-quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): CsvFile {
	const records: CsvRecord[] = [];
	let start = 0;
	while (start < text.length) {
		const newline = text.indexOf('\n', start);
		const lineEnd = newline === -1 ? text.length : newline;
		const line = text.slice(start, lineEnd);
		if (!line.includes('"')) {
			records.push({ text: line, fields: line.split(','), terminated: newline !== -1 });
			start = lineEnd + 1;
			continue;
		}
		const { fields, end } = parseQuotedRecord(text, start);
		records.push({ text: text.slice(start, end), fields, terminated: end < text.length });
		start = end + 1;
	}
	const [header, ...rest] = records;
	return { header: header.fields, records: rest };
}

/** Reads one record that holds quotes, from `start` to its line feed (or the end of the text). */
function parseQuotedRecord(text: string, start: number): { fields: string[]; end: number } {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	let i = start;
	for (; i < text.length; i++) {
		const char = text[i];
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"' && field === '') quoted = true;
		else if (char === ',') {
			fields.push(field);
			field = '';
		} else if (char === '\n') break;
		else field += char;
	}
	fields.push(field);
	return { fields, end: i };
}

export interface NdjsonRecord {
	text: string;
	/** null when the line is not a JSON object. */
	value: Record<string, unknown> | null;
}

export function parseNdjson(text: string): NdjsonRecord[] {
	return text
		.split('\n')
		.filter((line, i, lines) => !(line === '' && i === lines.length - 1))
		.map((line) => {
			try {
				const value: unknown = JSON.parse(line);
				return {
					text: line,
					value: typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
				};
			} catch {
				return { text: line, value: null };
			}
		});
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Seconds since 1970-01-01 of a strict `YYYY-MM-DD HH:MM:SS`, or null when it is not a real instant. */
export function parseTimestamp(text: unknown): number | null {
	if (typeof text !== 'string') return null;
	const match = TIMESTAMP.exec(text);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	const ms = Date.UTC(year, month - 1, day, hour, minute, second);
	const back = new Date(ms);
	if (
		back.getUTCDate() !== day ||
		back.getUTCMonth() !== month - 1 ||
		hour > 23 ||
		minute > 59 ||
		second > 59
	) {
		return null;
	}
	return ms / 1000;
}

/** Day number (days since 1970-01-01) of a strict `YYYY-MM-DD`, or null. */
export function parseDate(text: unknown): number | null {
	if (typeof text !== 'string' || !DATE.test(text)) return null;
	const seconds = parseTimestamp(`${text} 00:00:00`);
	return seconds === null ? null : seconds / 86_400;
}

/** An integer written plainly (CSV text or JSON number), or null. */
export function parseInteger(value: unknown): number | null {
	if (typeof value === 'number') return Number.isInteger(value) ? value : null;
	if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
	return null;
}

/** A decimal amount (CSV text or JSON number), or null. */
export function parseAmount(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
	return null;
}

/** Q1 and Q3 with linear interpolation (DuckDB `quantile_cont`, numpy's default). */
export function quartiles(values: number[]): [number, number] {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => {
		const position = (sorted.length - 1) * q;
		const lo = Math.floor(position);
		const hi = Math.ceil(position);
		return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
	};
	return [at(0.25), at(0.75)];
}
