import { DerivedTables } from '../../../src/lib/sql/derived-tables';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/**
 * `sql` as the dashboards' engine runs it: the relations reports share made once into derived tables. Each
 * `SELECT` asked for as one is pushed onto `asked`, when given.
 */
export function keepingDerivedTables(sql: SqlEngine, asked?: string[]): SqlEngine {
	const derived = new DerivedTables(sql);
	return {
		exec: (text) => sql.exec(text),
		query: (text, options) => sql.query(text, options),
		queryArrowIPC: (text) => sql.queryArrowIPC(text),
		loadArrowIPC: (table, ipc) => sql.loadArrowIPC(table, ipc),
		registerFile: (name, data) => sql.registerFile(name, data),
		dropFile: (name) => sql.dropFile(name),
		close: () => sql.close(),
		derivedTable: (select) => {
			asked?.push(select);
			return derived.table(select, 0);
		}
	};
}
