import type { RowFilter, TablePage, TableRowsOptions, TableStats } from './engine-api';
import type { LakeService } from './lake-service';
import { tableNameForPath } from './table-name';
import type { ManifestTable } from '$lib/pipeline/types';
import type { ColumnInfo } from '$lib/sql/sql-engine';
import { quoteIdent } from '$lib/sql/sql-text';

/** Rows one page may ask for. */
export const MAX_PAGE_ROWS = 1000;
/** Lake files kept loaded as tables at once; the least recently used is dropped beyond this. */
const LOADED_FILES = 3;
/** Types without an order (or a useful min/max). */
const UNORDERED = /^(STRUCT|MAP|UNION)\b|\[\d*\]$/i;

interface Loaded {
	/** Size and time of the file version in the table. */
	version: string;
	table: Promise<{ name: string; columns: ColumnInfo[] }>;
	stats?: Promise<TableStats>;
}

/**
 * Pages through a lake Parquet file and describes its columns. The file is loaded into a DuckDB table
 * once per version (size and modification time) and queried there; a few files stay loaded.
 */
export class TableExplorer {
	readonly #loaded = new Map<string, Loaded>();
	readonly #tableNames = new Map<string, string>();

	constructor(private readonly lake: LakeService) {}

	async rows(path: string, options: TableRowsOptions): Promise<TablePage> {
		const { offset, limit, orderBy, desc = false, where = [] } = options;
		if (!Number.isInteger(offset) || offset < 0) throw new Error(`A page must start at row 0 or later.`);
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_ROWS)
			throw new Error(`A page holds 1 to ${MAX_PAGE_ROWS} rows (asked for ${limit}).`);
		const { name, columns } = await (await this.#entry(path)).table;
		const known = new Set(columns.map((c) => c.name));
		const filter = whereClause(where, known, path);
		const order = orderBy
			? `ORDER BY ${columnRef(orderBy, known, path)} ${desc ? 'DESC' : 'ASC'} NULLS LAST, rowid`
			: 'ORDER BY rowid';
		const from = `FROM ${quoteIdent(name)} ${filter}`;
		const [page, count] = await Promise.all([
			this.lake.sql.query(`SELECT * ${from} ${order} LIMIT ${limit} OFFSET ${offset}`),
			this.lake.sql.query(`SELECT count(*)::BIGINT AS n ${from}`)
		]);
		return { path, columns: page.columns, rows: page.rows, total: Number(count.rows[0].n), offset };
	}

	/** Per column: type, NULLs, approximate distinct values, min and max; remembered per file version. */
	async stats(path: string): Promise<TableStats> {
		const loaded = await this.#entry(path);
		if (!loaded.stats) {
			const stats = (loaded.stats = this.#computeStats(path, loaded));
			stats.catch(() => loaded.stats === stats && delete loaded.stats);
		}
		return loaded.stats;
	}

	async #computeStats(path: string, loaded: Loaded): Promise<TableStats> {
		const { name, columns } = await loaded.table;
		const parts = columns.flatMap((c, i) => {
			const ref = quoteIdent(c.name);
			const ordered = !UNORDERED.test(c.type);
			return [
				`count(${ref})::BIGINT AS "n${i}"`,
				ordered ? `approx_count_distinct(${ref})::BIGINT AS "d${i}"` : `NULL AS "d${i}"`,
				ordered ? `min(${ref})::VARCHAR AS "lo${i}"` : `NULL AS "lo${i}"`,
				ordered ? `max(${ref})::VARCHAR AS "hi${i}"` : `NULL AS "hi${i}"`
			];
		});
		const { rows } = await this.lake.sql.query(
			`SELECT ${['count(*)::BIGINT AS "rows"', ...parts].join(', ')} FROM ${quoteIdent(name)}`
		);
		const r = rows[0];
		const total = Number(r.rows);
		return {
			path,
			rows: total,
			columns: columns.map((c, i) => ({
				name: c.name,
				type: c.type,
				nulls: total - Number(r[`n${i}`]),
				distinct: r[`d${i}`] === null ? null : Number(r[`d${i}`]),
				min: (r[`lo${i}`] as string | null) ?? null,
				max: (r[`hi${i}`] as string | null) ?? null
			}))
		};
	}

	/**
	 * The file's entry, loading its table when absent or when the file has changed since (a published
	 * table, by its friendly name, changes file with every version).
	 */
	async #entry(path: string): Promise<Loaded> {
		const { file, table } = await this.lake.locate(path);
		const entry = await this.lake.store.stat(file);
		if (!entry) throw new Error(`The lake has no file at ${path}; it may have been replaced by a newer run.`);
		const version = `${file}:${entry.size}:${entry.modified}`;
		let loaded = this.#loaded.get(path);
		if (loaded?.version !== version) {
			loaded = { version, table: this.#load(path, file, table) };
			loaded.table.catch(() => this.#loaded.get(path) === loaded && this.#loaded.delete(path));
		}
		this.#loaded.delete(path);
		this.#loaded.set(path, loaded);
		await this.#evict();
		return loaded;
	}

	async #load(
		path: string,
		file: string,
		table: ManifestTable | undefined
	): Promise<{ name: string; columns: ColumnInfo[] }> {
		const name = this.#tableName(path);
		await this.lake.loadTable(file, name, table);
		const { rows } = await this.lake.sql.query(`DESCRIBE ${quoteIdent(name)}`);
		return { name, columns: rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) })) };
	}

	async #evict(): Promise<void> {
		for (const [path, loaded] of this.#loaded) {
			if (this.#loaded.size <= LOADED_FILES) return;
			this.#loaded.delete(path);
			const table = await loaded.table.catch(() => null);
			if (table) await this.lake.sql.exec(`DROP TABLE IF EXISTS ${quoteIdent(table.name)}`);
		}
	}

	/** One table per path, named so it reads well in the console and never meets the pipeline's tables. */
	#tableName(path: string): string {
		let name = this.#tableNames.get(path);
		if (!name) {
			name = `explore_${this.#tableNames.size + 1}_${tableNameForPath(path)}`;
			this.#tableNames.set(path, name);
		}
		return name;
	}
}

function columnRef(column: string, known: ReadonlySet<string>, path: string): string {
	if (!known.has(column)) throw new Error(`${path} has no column "${column}".`);
	return quoteIdent(column);
}

function whereClause(filters: readonly RowFilter[], known: ReadonlySet<string>, path: string): string {
	if (filters.length === 0) return '';
	const terms = filters.map(({ column, equals }) => {
		const ref = columnRef(column, known, path);
		return equals === null ? `${ref} IS NULL` : `${ref} = ${sqlLiteral(equals)}`;
	});
	return `WHERE ${terms.join(' AND ')}`;
}

/** A value as a SQL literal: strings quoted with their quotes doubled, numbers only when finite. */
export function sqlLiteral(value: string | number | bigint | boolean): string {
	switch (typeof value) {
		case 'string':
			return `'${value.replaceAll("'", "''")}'`;
		case 'boolean':
			return value ? 'TRUE' : 'FALSE';
		case 'bigint':
			return value.toString();
		default:
			if (!Number.isFinite(value)) throw new Error(`${value} cannot be compared with a column.`);
			return String(value);
	}
}
