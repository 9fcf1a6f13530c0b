import type { SqlEngine } from './sql-engine';

let made = 0;

/**
 * Runs `work` with the rows of `select` in a temporary table of its own name, dropped afterwards: for a
 * relation several queries of one report read, so it is computed once.
 */
export async function withTempTable<T>(
	sql: SqlEngine,
	select: string,
	work: (table: string) => Promise<T>
): Promise<T> {
	const table = `report_relation_${++made}`;
	await sql.exec(`CREATE TEMP TABLE ${table} AS ${select}`);
	try {
		return await work(table);
	} finally {
		await sql.exec(`DROP TABLE IF EXISTS ${table}`);
	}
}
