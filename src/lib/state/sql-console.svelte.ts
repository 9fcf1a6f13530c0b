import type { TimedQueryResult } from '$lib/engine/engine-api';
import { tableNameForPath } from '$lib/engine/table-name';
import { errorDetails, formatError } from '$lib/format';
import { quoteIdent } from '$lib/sql/sql-text';
import { engine } from './engine-manager.svelte';

/** Rows the console asks the worker for; the count of all rows still comes back. */
export const CONSOLE_MAX_ROWS = 1000;

export interface LoadedTable {
	table: string;
	path: string;
	rows: number;
}

/** The Lake page's SQL console: its text, the last result or error, and lake files loaded as tables. */
class SqlConsole {
	sql = $state(
		"SELECT version() AS duckdb, range AS n, DATE '2024-10-31' + range::INT AS day\nFROM range(5);"
	);
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
				details: errorDetails(e)
			};
		} finally {
			this.running = false;
			this.runs++;
		}
	}

	/** Loads a lake Parquet file into a table named after it, then shows its first rows. */
	async queryFile(path: string): Promise<void> {
		const table = tableNameForPath(path);
		try {
			const rows = await engine.loadParquet(path, table);
			this.loaded = [...this.loaded.filter((t) => t.table !== table), { table, path, rows }];
			this.sql = `SELECT * FROM ${quoteIdent(table)} LIMIT 100;`;
			await this.run();
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
