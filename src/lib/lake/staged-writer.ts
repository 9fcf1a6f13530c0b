import type { LakeWriter } from './lake-store';

/** What an adapter does with a file while it is written: append to it, make it visible, or throw it away. */
export interface StagedFile {
	write(chunk: Uint8Array): Promise<void>;
	/** Flushes the file and makes it visible at its final path, atomically. */
	publish(): Promise<void>;
	/** Throws away what was written; must also work on a file that failed half-way through `publish`. */
	discard(): Promise<void>;
}

/** The writer lifecycle every adapter shares: writes until closed or aborted; a failed close discards. */
export function stagedWriter(target: string, file: StagedFile): LakeWriter {
	let state: 'open' | 'closed' | 'aborted' = 'open';
	const assertOpen = () => {
		if (state !== 'open') throw new Error(`The writer for "${target}" is already ${state}`);
	};
	return {
		write: async (chunk) => {
			assertOpen();
			await file.write(chunk);
		},
		close: async () => {
			assertOpen();
			state = 'closed';
			try {
				await file.publish();
			} catch (error) {
				await file.discard();
				throw error;
			}
		},
		abort: async () => {
			if (state !== 'open') return;
			state = 'aborted';
			await file.discard();
		}
	};
}

/** Writes a whole file through `writer`: published when every byte is written, discarded otherwise. */
export async function writeWhole(writer: LakeWriter, data: Uint8Array): Promise<void> {
	try {
		await writer.write(data);
	} catch (error) {
		await writer.abort();
		throw error;
	}
	await writer.close();
}
