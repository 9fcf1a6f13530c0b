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

/**
 * Runs `work` on the rows of `select`: a derived table, made once for the loaded data, where the engine keeps
 * them (`SqlEngine.derivedTable`), else a temporary table of this call's own (`withTempTable`).
 */
export async function withDerivedTable<T>(
	sql: SqlEngine,
	select: string,
	work: (table: string) => Promise<T>
): Promise<T> {
	if (sql.derivedTable) return work(await sql.derivedTable(select));
	return withTempTable(sql, select, work);
}
