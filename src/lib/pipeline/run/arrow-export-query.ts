import { BRONZE_LINEAGE_COLUMNS } from '../../contracts/raw-contracts';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent, quoteLiteral } from '../../sql/sql-text';

/** The lineage columns holding text: a batch's id and file, the same on each of its rows. */
const LINEAGE_TEXT_COLUMNS = BRONZE_LINEAGE_COLUMNS.filter(({ type }) => type === 'VARCHAR').map(
	({ name }) => name
);

/**
 * The query that exports `from` (a table, or a table and its WHERE) to Arrow for the Parquet encoder.
 * DuckDB's Arrow export copies a text's bytes for every row, and the lineage texts were 38 % of the Silver
 * sales lines' Arrow and half their export time; cast to an ENUM of the values present, they leave as
 * one-byte dictionary keys. The Parquet files still hold them as strings (read back as VARCHAR).
 */
export async function arrowExportQuery(sql: SqlEngine, table: string, from: string): Promise<string> {
	const { rows: present } = await sql.query(
		`SELECT column_name FROM duckdb_columns()
		 WHERE schema_name = 'main' AND table_name = ${quoteLiteral(table)} AND data_type = 'VARCHAR'
		   AND column_name IN (${LINEAGE_TEXT_COLUMNS.map(quoteLiteral).join(', ')})`
	);
	const columns = present.map((row) => String(row.column_name));
	if (columns.length === 0) return `SELECT * FROM ${from}`;
	const lists = columns.map((column, i) => {
		const name = quoteIdent(column);
		return `list(DISTINCT ${name} ORDER BY ${name}) FILTER (WHERE ${name} IS NOT NULL) AS v${i}`;
	});
	const [values] = (await sql.query(`SELECT ${lists.join(', ')} FROM ${from}`)).rows;
	const casts = columns.flatMap((column, i) => {
		// A column of NULLs only (no list) goes as it is: an ENUM needs a value.
		const distinct = (values[`v${i}`] as string[] | null) ?? [];
		if (distinct.length === 0) return [];
		const name = quoteIdent(column);
		return [`CAST(${name} AS ENUM(${distinct.map(quoteLiteral).join(', ')})) AS ${name}`];
	});
	return casts.length === 0 ? `SELECT * FROM ${from}` : `SELECT * REPLACE (${casts.join(', ')}) FROM ${from}`;
}
