import type { SqlEngine } from './sql-engine';

/** Counts across instances: two on one engine never pick the same name. */
let tablesMade = 0;

/**
 * Tables of rows derived from the loaded data (a `SELECT`), made once and kept while that data stays the
 * same: reports that read the same relation under other filters (customers' histories under another city)
 * find it made. A new `generation` of the data drops them all; past `limit` tables, the least recently
 * used goes.
 */
export class DerivedTables {
	#generation: number | null = null;
	/** By their `SELECT`, least recently used first. */
	#tables = new Map<string, Promise<string>>();
	/** Tables no longer handed out, dropped before the next one is made. */
	#stale: Promise<string>[] = [];

	constructor(
		private readonly sql: SqlEngine,
		private readonly limit = 16
	) {}

	/** The name of a table holding `select`'s rows over the data of `generation`: read it, never drop it. */
	table(select: string, generation: number): Promise<string> {
		if (generation !== this.#generation) {
			this.#generation = generation;
			this.#retire([...this.#tables.keys()]);
		}
		const made = this.#tables.get(select);
		if (made) {
			this.#tables.delete(select);
			this.#tables.set(select, made);
			return made;
		}
		this.#retire([...this.#tables.keys()].slice(0, Math.max(0, this.#tables.size - this.limit + 1)));
		const name = `derived_${++tablesMade}`;
		const table = this.#dropStale()
			.then(() => this.sql.exec(`CREATE TEMP TABLE ${name} AS ${select}`))
			.then(
				() => name,
				(error: unknown) => {
					if (this.#tables.get(select) === table) this.#tables.delete(select);
					throw error;
				}
			);
		this.#tables.set(select, table);
		return table;
	}

	#retire(selects: string[]): void {
		for (const select of selects) {
			this.#stale.push(this.#tables.get(select)!);
			this.#tables.delete(select);
		}
	}

	async #dropStale(): Promise<void> {
		const stale = this.#stale;
		this.#stale = [];
		for (const table of stale) {
			const name = await table.catch(() => null);
			if (name) await this.sql.exec(`DROP TABLE IF EXISTS ${name}`);
		}
	}
}
