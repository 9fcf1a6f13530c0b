/** Quotes an identifier for DuckDB SQL. */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}
