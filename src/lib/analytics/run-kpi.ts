import type { SqlEngine, SqlValue } from '../sql/sql-engine';
import { fillSql } from '../sql/sql-template';

/** Runs a KPI query template with its fragments filled in; returns its rows. */
export async function kpiRows(
	sql: SqlEngine,
	template: string,
	fragments: Record<string, string>
): Promise<Record<string, SqlValue>[]> {
	return (await sql.query(fillSql(template, fragments))).rows;
}
