/**
 * An error as a sentence for people: what happened, the engine's own first line, then what to do.
 * `formatError('The query failed', e, 'Check the SQL and run it again.')`
 * → `The query failed: Parser Error: syntax error at or near "SELEC". Check the SQL and run it again.`
 */
export function formatError(what: string, error: unknown, advice: string): string {
	const [first] = messageOf(error).split('\n');
	const reason = first.trim().replace(/[.:;,\s]+$/, '');
	if (!reason) return `${what}. ${advice}`;
	return `${what}: ${reason}${/[!?]$/.test(reason) ? '' : '.'} ${advice}`;
}

/**
 * The lines after the first of an error's message (DuckDB puts `LINE 1: …` and a caret there), or null.
 * Blocks repeated word for word (DuckDB-WASM can repeat the `LINE` block) are kept once.
 */
export function errorDetails(error: unknown): string | null {
	const rest = messageOf(error).split('\n').slice(1).join('\n');
	const blocks = rest
		.split(/\n\s*\n/)
		.filter((block) => block.trim())
		.map((block) => block.replace(/^\s*\n/, '').trimEnd());
	return blocks.length ? [...new Set(blocks)].join('\n\n') : null;
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error ?? '');
}
