/** How a run names itself and writes its times (UTC, so ids sort and compare on every machine). */

/** `run-YYYYMMDD-HHMMSS-<4 hex>`. */
export function newRunId(at: Date): string {
	const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
	const suffix = crypto.getRandomValues(new Uint16Array(1))[0].toString(16).padStart(4, '0');
	return `run-${stamp}-${suffix}`;
}

/** `YYYY-MM-DD HH:MM:SS`, the form DuckDB reads as a TIMESTAMP literal. */
export function sqlTimestamp(at: Date): string {
	return at.toISOString().slice(0, 19).replace('T', ' ');
}
