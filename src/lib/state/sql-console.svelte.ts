import { consoleTables } from '$lib/engine/console-tables';
import type { TimedQueryResult } from '$lib/engine/engine-api';
import { tableNameForPath } from '$lib/engine/table-name';
import { errorDetails, formatError, outOfMemory } from '$lib/format';
import { quoteIdent } from '$lib/sql/sql-text';
import { engine } from './engine-manager.svelte';

/** Rows the console asks the worker for; the count of all rows still comes back. */
export const CONSOLE_MAX_ROWS = 1000;

export interface LoadedTable {
	table: string;
	path: string;
	rows: number;
}

/**
 * The Lake page's SQL console: its text, the last result or error, and lake files loaded as tables. Published
 * tables need no loading: a query that names `gold_fact_sales` loads it (docs/data-model.md).
 */
class SqlConsole {
	sql = $state('SELECT count(*) AS sales_lines, sum(net_amount) AS revenue\nFROM gold_fact_sales;');
	running = $state(false);
	result = $state<TimedQueryResult | null>(null);
	error = $state<{ sentence: string; details: string | null } | null>(null);
	/** Increments with every finished run, so a view (or a test) can tell one result from the next. */
	runs = $state(0);
	loaded = $state<LoadedTable[]>([]);

	async run(): Promise<void> {
		if (this.running || !this.sql.trim()) return;
		this.running = true;
		this.error = null;
		try {
			this.result = await engine.query(this.sql, { maxRows: CONSOLE_MAX_ROWS });
		} catch (e) {
			this.result = null;
			this.error = {
				sentence: formatError('The query failed', e, 'Check the SQL and run it again.'),
				// DuckDB's hints for memory (a temp directory, a higher limit) cannot be taken in this app.
				details: outOfMemory(e) ? null : errorDetails(e)
			};
		} finally {
			this.running = false;
			this.runs++;
		}
	}

	/** Puts `sql` in the console and runs it (an example, or a table's first rows). */
	async show(sql: string): Promise<void> {
		this.sql = sql;
		await this.run();
	}

	/**
	 * Shows a lake file's first rows: a published table by its SQL name (loaded on first reference), any
	 * other Parquet file loaded into a table named after it.
	 */
	async queryFile(path: string): Promise<void> {
		const published = consoleTables(engine.files).find((t) => t.path === path);
		if (published) return this.show(`SELECT * FROM ${published.name} LIMIT 100;`);
		const table = tableNameForPath(path);
		try {
			const rows = await engine.loadParquet(path, table);
			this.loaded = [...this.loaded.filter((t) => t.table !== table), { table, path, rows }];
			await this.show(`SELECT * FROM ${quoteIdent(table)} LIMIT 100;`);
		} catch (e) {
			this.result = null;
			this.error = {
				sentence: formatError(
					`${path} could not be loaded`,
					e,
					'The file may be damaged; download it to inspect it.'
				),
				details: errorDetails(e)
			};
			this.runs++;
		}
	}
}

export const sqlConsole = new SqlConsole();
