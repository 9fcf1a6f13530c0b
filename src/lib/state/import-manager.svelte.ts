import * as Comlink from 'comlink';
import type { ImportApi } from '../../workers/import.worker';
import type { ImportProgress, ImportResult } from '$lib/import/import-file';
import type { ImportPreview, MappingChoice } from '$lib/import/import-preview';
import { formatError } from '$lib/format';
import { deviceStorage } from './device-storage.svelte';
import { engine } from './engine-manager.svelte';
import { shareLakeWith } from './shared-lake';

type Phase = 'idle' | 'previewing' | 'ready' | 'importing' | 'done' | 'cancelled' | 'error';

/** One chosen file: its preview (or why it cannot be imported) and what the user decided for it. */
export interface ChosenFile {
	id: number;
	file: File;
	choice: MappingChoice;
	preview: ImportPreview | null;
	error: string | null;
	/** Left out of the import by the user. */
	skipped: boolean;
}

/**
 * Main-thread side of the import worker: the chosen files and their previews, the user's choices, then one
 * import of them all with progress and cancel. Nothing is written before `importAll`.
 */
class ImportManager {
	phase = $state<Phase>('idle');
	files = $state<ChosenFile[]>([]);
	progress = $state<(ImportProgress & { index: number }) | null>(null);
	results = $state<ImportResult[]>([]);
	error = $state<string | null>(null);

	/** The files that will be imported: previewed, nothing left to decide, not skipped. */
	readonly importable = $derived(
		this.files.filter(
			(chosen) => !chosen.skipped && chosen.preview?.mapping && chosen.preview.needs.length === 0
		)
	);
	/** Files that still need a decision (and are not skipped). */
	readonly undecided = $derived(
		this.files.filter((chosen) => !chosen.skipped && !this.importable.includes(chosen))
	);

	#api: Comlink.Remote<ImportApi> | null = null;
	#nextId = 1;

	#worker(): Comlink.Remote<ImportApi> {
		if (!this.#api) {
			this.#api = Comlink.wrap<ImportApi>(
				new Worker(new URL('../../workers/import.worker.ts', import.meta.url), { type: 'module' })
			);
			shareLakeWith(this.#api);
		}
		return this.#api;
	}

	/** Adds files (from a picker or a drop) and previews each. */
	async add(files: Iterable<File>): Promise<void> {
		if (this.phase === 'importing') return;
		if (this.phase === 'done' || this.phase === 'cancelled' || this.phase === 'error') this.clear();
		const added = [...files].map((file) => ({
			id: this.#nextId++,
			file,
			choice: {},
			preview: null,
			error: null,
			skipped: false
		}));
		this.files = [...this.files, ...added];
		this.phase = 'previewing';
		await Promise.all(added.map((chosen) => this.#preview(chosen.id)));
		this.phase = 'ready';
	}

	/** Changes what was decided for a file and previews it again. */
	async choose(id: number, choice: MappingChoice): Promise<void> {
		const chosen = this.files.find((file) => file.id === id);
		if (!chosen || this.phase === 'importing') return;
		chosen.choice = { ...chosen.choice, ...choice };
		this.phase = 'previewing';
		await this.#preview(id);
		this.phase = 'ready';
	}

	remove(id: number): void {
		this.files = this.files.filter((file) => file.id !== id);
		if (this.files.length === 0) this.phase = 'idle';
	}

	clear(): void {
		this.files = [];
		this.results = [];
		this.progress = null;
		this.error = null;
		this.phase = 'idle';
	}

	async #preview(id: number): Promise<void> {
		const chosen = this.files.find((file) => file.id === id);
		if (!chosen) return;
		try {
			const preview = await this.#worker().preview(
				chosen.file,
				$state.snapshot(chosen.choice) as MappingChoice
			);
			const current = this.files.find((file) => file.id === id);
			if (current) [current.preview, current.error] = [preview, null];
		} catch (e) {
			const current = this.files.find((file) => file.id === id);
			if (current) [current.preview, current.error] = [null, e instanceof Error ? e.message : String(e)];
		}
	}

	/** Writes every importable file into Raw; the pipeline's next run ingests them. */
	async importAll(): Promise<void> {
		const files = this.importable.map((chosen) => ({
			file: chosen.file,
			mapping: $state.snapshot(chosen.preview!.mapping!),
			saveFor: chosen.preview!.saveMapping ? $state.snapshot(chosen.preview!.columns) : undefined
		}));
		if (files.length === 0 || this.phase === 'importing') return;
		this.phase = 'importing';
		this.error = null;
		this.results = [];
		try {
			deviceStorage.beforeFirstWrite();
			this.results = await this.#worker().import(
				files,
				Comlink.proxy((progress: ImportProgress & { index: number }) => (this.progress = progress))
			);
			this.phase = 'done';
		} catch (e) {
			if (e instanceof Error && e.name === 'AbortError') this.phase = 'cancelled';
			else {
				this.error = formatError('The import failed', e, 'Check the file and try again.');
				this.phase = 'error';
			}
		} finally {
			this.progress = null;
			await engine.refreshLake().catch(() => {});
		}
	}

	cancel(): void {
		this.#api?.cancel();
	}
}

export const importer = new ImportManager();
