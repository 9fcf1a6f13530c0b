/** Quotes an identifier for DuckDB SQL. */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string as a DuckDB SQL literal: the only way a value enters SQL text. */
export function quoteLiteral(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

// A string literal or quoted identifier (doubled quotes inside), or a comment: `--` to the line's end, or a block.
const LITERAL_OR_COMMENT = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\//g;

const isQuoted = (match: string) => match[0] === "'" || match[0] === '"';

/** `sql` with each comment replaced by a space; string literals and quoted identifiers kept as they are. */
export function withoutComments(sql: string): string {
	return sql.replace(LITERAL_OR_COMMENT, (match) => (isQuoted(match) ? match : ' '));
}

/** Whether offset `at` of `sql` lies in a comment (not in a string literal or quoted identifier). */
export function inComment(sql: string, at: number): boolean {
	for (const { 0: match, index } of sql.matchAll(LITERAL_OR_COMMENT)) {
		if (index > at) break;
		if (at < index + match.length) return !isQuoted(match);
	}
	return false;
}
