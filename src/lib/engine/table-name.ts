/** The DuckDB table name a lake file loads into: its file name, made a plain identifier. */
export function tableNameForPath(path: string): string {
	const base = (path.split('/').pop() ?? path).replace(/\.[^.]*$/, '');
	const ident = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
	return /^[a-z_]/.test(ident) ? ident : `t_${ident}`;
}
