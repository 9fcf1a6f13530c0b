/**
 * An error as a sentence for people: what happened, the engine's own first line, then what to do.
 * `formatError('The query failed', e, 'Check the SQL and run it again.')`
 * → `The query failed: Parser Error: syntax error at or near "SELEC". Check the SQL and run it again.`
 */
export function formatError(what: string, error: unknown, advice: string): string {
	const [first] = messageOf(error).split('\n');
	const reason = first.trim().replace(/[.:;,\s]+$/, '');
	const fitting = outOfStorage(error) ? STORAGE_FULL : outOfMemory(error) ? MEMORY_FULL : advice;
	if (!reason) return `${what}. ${fitting}`;
	return `${what}: ${reason}${/[!?]$/.test(reason) ? '' : '.'} ${fitting}`;
}

/** What to do when the site's storage is full, whatever was being written (the caller's advice would mislead). */
const STORAGE_FULL =
	'This site’s storage is full: free some space (remove data you no longer need, or use Clear the lake on the Lake page), then try again. The data published before is unchanged.';

/** What to do when DuckDB ran out of memory: its own hints (a temp directory, a higher limit) cannot be taken here. */
const MEMORY_FULL =
	'DuckDB ran out of the memory this tab can give it: ask for less at once (filter, aggregate, or add a LIMIT), then run it again. The engine and the published data are unchanged.';

/** Whether `error` says the browser refused a write because the site's storage quota is used up. */
export function outOfStorage(error: unknown): boolean {
	const name = error instanceof Error || error instanceof DOMException ? error.name : '';
	return (
		name === 'QuotaExceededError' ||
		/ran out of storage space|exceed its storage quota/i.test(messageOf(error))
	);
}

/** Whether `error` is DuckDB's out-of-memory error. */
export function outOfMemory(error: unknown): boolean {
	return /^Out of Memory Error/im.test(messageOf(error));
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
