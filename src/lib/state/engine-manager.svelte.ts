import * as Comlink from 'comlink';
import type { EngineApi } from '../../workers/engine.worker';
import type { EngineStatus, LakeFileInfo, TimedQueryResult } from '$lib/engine/engine-api';
import type { QueryOptions } from '$lib/sql/sql-engine';
import type { LakeSize } from '$lib/pipeline/run/lake-clear';
import { onPublishedElsewhere } from './published-channel';
import { clearCachedReports } from './report-cache';
import { saveDownload } from './save-download';
import { shareLakeWith } from './shared-lake';

type Phase = 'idle' | 'starting' | 'ready' | 'error';

/** The table every dashboard reads; its presence means the pipeline has published Gold. */
const GOLD_FACT_SALES = 'gold/fact_sales.parquet';

/** Main-thread view of the engine worker: its start-up, the lake listing, and calls into it. */
class EngineManager {
	phase = $state<Phase>('idle');
	status = $state<EngineStatus | null>(null);
	error = $state<string | null>(null);
	files = $state<LakeFileInfo[]>([]);
	/** What is wrong with the lake (a damaged manifest or file, named), while it is so. */
	problem = $state<string | null>(null);

	/** A run this tab's pipeline has just published, until the lake listing shows it. */
	#justPublished = $state<string | null>(null);

	#api: Comlink.Remote<EngineApi> | null = null;
	#starting: Promise<void> | null = null;

	/** Starts the worker once; later calls wait for the same start. */
	start(): Promise<void> {
		this.#starting ??= this.#start();
		return this.#starting;
	}

	async #start() {
		this.phase = 'starting';
		try {
			const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
				type: 'module'
			});
			this.#api = Comlink.wrap<EngineApi>(worker);
			shareLakeWith(this.#api);
			this.status = await this.#api.status();
			[this.files, this.problem] = await Promise.all([this.#api.listLake(), this.#api.lakeProblem()]);
			this.phase = 'ready';
			// Another tab's run changes the listing, and with it every page that reads Gold: the engine reads the
			// new manifest before the pages ask for their figures again.
			onPublishedElsewhere(() => void this.#publishedElsewhere().catch(() => {}));
		} catch (e) {
			this.error = `The SQL engine could not start: ${message(e)}. Reload the page; if it keeps failing, this browser may lack WebAssembly or storage support.`;
			this.phase = 'error';
		}
	}

	async #publishedElsewhere(): Promise<void> {
		await this.#api?.manifestChanged();
		await this.refreshLake();
	}

	async #ready(): Promise<Comlink.Remote<EngineApi>> {
		await this.start();
		if (!this.#api || this.phase !== 'ready') throw new Error(this.error ?? 'The SQL engine is not running.');
		return this.#api;
	}

	/** The worker's API once it is ready, for the managers of other concerns (the pipeline, say). */
	api(): Promise<Comlink.Remote<EngineApi>> {
		return this.#ready();
	}

	/** Every file the lake holds and their bytes. */
	async lakeSize(): Promise<LakeSize> {
		return (await this.#ready()).lakeSize();
	}

	/**
	 * Empties the lake and forgets the figures kept for a fast reload (localStorage). Every page's state
	 * comes from the lake, so the caller reloads the page to start afresh.
	 */
	async clearLake(): Promise<LakeSize> {
		const freed = await (await this.#ready()).clearLake();
		clearCachedReports();
		return freed;
	}

	/** Reads the lake's listing again, and whether it is damaged. */
	async refreshLake(): Promise<LakeFileInfo[]> {
		const api = await this.#ready();
		[this.files, this.problem] = await Promise.all([api.listLake(), api.lakeProblem()]);
		this.#justPublished = null;
		return this.files;
	}

	async query(sql: string, options?: QueryOptions): Promise<TimedQueryResult> {
		return (await this.#ready()).query(sql, options);
	}

	async writeParquet(path: string, sql: string): Promise<LakeFileInfo> {
		const info = await (await this.#ready()).writeParquet(path, sql);
		await this.refreshLake();
		return info;
	}

	async loadParquet(path: string, table: string): Promise<number> {
		return (await this.#ready()).loadParquet(path, table);
	}

	/** Saves a lake file to the user's downloads under its own name. */
	async download(path: string): Promise<void> {
		saveDownload(await (await this.#ready()).download(path), path.split('/').pop() ?? 'download');
	}

	/** Saves every file under a folder (`gold/`) as one zip named after it (`gold.zip`). */
	async downloadZip(prefix: string): Promise<void> {
		const folder = prefix.replace(/\/+$/, '');
		saveDownload(await (await this.#ready()).downloadZip(folder), `${folder.replaceAll('/', '-')}.zip`);
	}

	/** Whether the lake holds a file at `path`. */
	has(path: string): boolean {
		return this.files.some((f) => f.path === path);
	}

	/**
	 * Says that this tab's pipeline has just published `runId`: pages read the new Gold at once, without
	 * waiting for the lake listing (which then names the same run, so nothing is read twice).
	 */
	notePublished(runId: string): void {
		this.#justPublished = runId;
	}

	/**
	 * The published Gold's version: the run whose fact table the lake listing shows (its versioned file is
	 * `<run_id>.parquet`), or the run this tab has just published; null without Gold. A run that
	 * republishes changes it, so what was read from Gold is read again.
	 */
	goldVersion(): string | null {
		if (this.#justPublished) return this.#justPublished;
		const fact = this.files.find((file) => file.path === GOLD_FACT_SALES);
		if (!fact) return null;
		return (
			fact.stored
				?.split('/')
				.at(-1)
				?.replace(/\.parquet$/, '') ?? `${fact.modified}:${fact.size}`
		);
	}
}

function message(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

export const engine = new EngineManager();
