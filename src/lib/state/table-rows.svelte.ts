import type { RowFilter, TablePage } from '$lib/engine/engine-api';
import { formatError } from '$lib/format';
import { engine } from './engine-manager.svelte';

/** Rows a page shows. */
export const PAGE_ROWS = 50;

/** One view of a lake Parquet file's rows: which file and filter, the page, the sort, and the rows shown. */
export class TableRows {
	path = $state<string | null>(null);
	where = $state<RowFilter[]>([]);
	offset = $state(0);
	orderBy = $state<string | null>(null);
	desc = $state(false);
	page = $state<TablePage | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);

	readonly hasPrevious = $derived(this.offset > 0);
	readonly hasNext = $derived(this.page !== null && this.offset + PAGE_ROWS < this.page.total);

	/** Answers to earlier requests that arrive late are dropped. */
	#request = 0;

	/** Shows the first page of `path`'s rows that pass `where`, in file order. */
	open(path: string, where: RowFilter[] = []): Promise<void> {
		this.path = path;
		this.where = where;
		this.offset = 0;
		this.orderBy = null;
		this.desc = false;
		this.page = null;
		return this.#load();
	}

	/** Loads the current page again, e.g. after the file changed. */
	reload(): Promise<void> {
		return this.#load();
	}

	next(): Promise<void> {
		if (!this.hasNext) return Promise.resolve();
		this.offset += PAGE_ROWS;
		return this.#load();
	}

	previous(): Promise<void> {
		if (!this.hasPrevious) return Promise.resolve();
		this.offset = Math.max(0, this.offset - PAGE_ROWS);
		return this.#load();
	}

	/** Sorts by `column`, ascending first, descending on a second click; back to the first page. */
	sortBy(column: string): Promise<void> {
		this.desc = this.orderBy === column && !this.desc;
		this.orderBy = column;
		this.offset = 0;
		return this.#load();
	}

	async #load(): Promise<void> {
		const path = this.path;
		if (!path) return;
		const request = ++this.#request;
		this.loading = true;
		this.error = null;
		try {
			const page = await (
				await engine.api()
			).tableRows(path, {
				offset: this.offset,
				limit: PAGE_ROWS,
				orderBy: this.orderBy ?? undefined,
				desc: this.desc,
				where: $state.snapshot(this.where)
			});
			if (request === this.#request) this.page = page;
		} catch (e) {
			if (request === this.#request)
				this.error = formatError(
					`The rows of ${path} could not be read`,
					e,
					'Try again, or pick the table again.'
				);
		} finally {
			if (request === this.#request) this.loading = false;
		}
	}
}
