/** RFC 4180 text: fields are quoted only when they hold a comma, a quote or a line break. */
export function csvField(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record, without its line feed. */
export function csvLine(fields: readonly string[]): string {
	return fields.map(csvField).join(',');
}
