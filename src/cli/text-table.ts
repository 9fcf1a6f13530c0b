/** Text columns padded to their widest cell: the first `leftColumns` left-aligned, the rest (numbers) right-aligned. */
export function textTable(rows: string[][], leftColumns = 1): string[] {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
	return rows.map((row) =>
		row
			.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
			.join('  ')
			.trimEnd()
	);
}
