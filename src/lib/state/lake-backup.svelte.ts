import * as Comlink from 'comlink';
import type { BackupProgress, RestoreResult } from '$lib/engine/lake-backup';
import { formatError } from '$lib/format';
import { engine } from './engine-manager.svelte';
import { clearCachedReports } from './report-cache';
import { saveDownload } from './save-download';

type Task = 'backup' | 'restore';

/** The whole lake backed up to one zip, and restored from one: the task running, its progress and outcome. */
class LakeBackupManager {
	task = $state<Task | null>(null);
	progress = $state.raw<BackupProgress | null>(null);
	error = $state<string | null>(null);
	/** Said after a cancelled restore: the lake is as it was. */
	note = $state<string | null>(null);

	/** Saves every file of the lake as `retail-data-hub-lake-<day>.zip`. */
	async backup(): Promise<void> {
		await this.#run('backup', async (onProgress) => {
			const zip = await (await engine.api()).backupLake(onProgress);
			saveDownload(zip, `retail-data-hub-lake-${new Date().toISOString().slice(0, 10)}.zip`);
		});
	}

	/**
	 * Replaces the lake with the backup in `file`; resolves to what was restored, or null when it failed or
	 * was cancelled (`error`, `note`). The kept figures go with the lake they were computed on.
	 */
	async restore(file: File): Promise<RestoreResult | null> {
		let restored: RestoreResult | null = null;
		await this.#run('restore', async (onProgress) => {
			restored = await (await engine.api()).restoreLake(file, onProgress);
			clearCachedReports();
		});
		return restored;
	}

	/** Stops a restore while it unpacks (nothing of the lake has changed by then). */
	async cancel(): Promise<void> {
		await (await engine.api()).cancelPipeline();
	}

	async #run(task: Task, work: (onProgress: (progress: BackupProgress) => void) => Promise<void>) {
		if (this.task) return;
		this.task = task;
		this.progress = null;
		this.error = null;
		this.note = null;
		try {
			await work(Comlink.proxy((progress: BackupProgress) => (this.progress = progress)));
		} catch (error) {
			if ((error as Error | null)?.name === 'AbortError')
				this.note = 'Restore cancelled: the lake is as it was.';
			else if (task === 'backup') {
				this.error = formatError(
					'The backup could not be made',
					error,
					'Wait for any pipeline run to end, then try again.'
				);
			} else this.error = formatError('The backup was not restored', error, 'The lake is as it was.');
		} finally {
			this.task = null;
			this.progress = null;
		}
	}
}

export const lakeBackup = new LakeBackupManager();
