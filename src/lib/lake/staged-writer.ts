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

/**
 * A file gathered in memory, chunk by chunk (each copied: callers reuse their buffers), and handed to
 * `publish` whole on close: for adapters that can only store whole files.
 */
export function gatheredFile(publish: (data: Uint8Array<ArrayBuffer>) => Promise<void>): StagedFile {
	let chunks: Uint8Array[] = [];
	return {
		write: async (chunk) => {
			chunks.push(chunk.slice());
		},
		publish: async () => {
			const whole = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
			let offset = 0;
			for (const chunk of chunks) {
				whole.set(chunk, offset);
				offset += chunk.byteLength;
			}
			chunks = [];
			await publish(whole);
		},
		discard: async () => {
			chunks = [];
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
