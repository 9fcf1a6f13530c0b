import type { SqlEngine } from '../../sql/sql-engine';
import { quoteLiteral } from '../../sql/sql-text';

export async function tableExists(sql: SqlEngine, table: string): Promise<boolean> {
	const { rows } = await sql.query(
		`SELECT count(*)::INTEGER AS n FROM duckdb_tables()
		 WHERE schema_name = 'main' AND table_name = ${quoteLiteral(table)}`
	);
	return Number(rows[0].n) > 0;
}

export async function countRows(sql: SqlEngine, from: string): Promise<number> {
	const { rows } = await sql.query(`SELECT count(*)::BIGINT AS n FROM ${from}`);
	return Number(rows[0].n);
}
