/** Quotes an identifier for DuckDB SQL. */
export function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string as a DuckDB SQL literal: the only way a value enters SQL text. */
export function quoteLiteral(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}
