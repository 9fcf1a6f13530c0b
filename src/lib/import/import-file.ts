import { formatInt } from '../format/number';
import type { RawDataset } from '../contracts/raw-contracts';
import type { LakeStore, LakeWriter } from '../lake/lake-store';
import { Sha256 } from '../lake/sha256';
import { hashRawFile } from '../pipeline/ingest/raw-bytes';
import { baseName, ImportError, readHead, type ImportSource } from './import-source';
import { RowMapper, type ImportMapping } from './mapping';
import { writeLakeCurrency } from '../lake/lake-currency';
import { saveMapping } from './saved-mappings';
import { sniff, SNIFF_BYTES } from './sniff';
import { SourceReader } from './source-rows';

export interface ImportProgress {
	file: string;
	/** Bytes of the file as stored (compressed or not) read so far, of `bytesTotal`. */
	bytesRead: number;
	bytesTotal: number;
	rows: number;
}

export interface ImportOptions {
	signal?: AbortSignal;
	onProgress?: (progress: ImportProgress) => void;
	/** Replace the raw file of the same name (its rows leave every layer at the next run) instead of adding a batch. */
	replace?: boolean;
	/** The file's header, when the mapping is to be saved for the next file with the same header (the user decided it). */
	saveFor?: readonly string[];
}

/** What became of one imported file. */
export interface ImportResult {
	file: string;
	dataset: RawDataset;
	/** `imported`: written to `path`; `duplicate`: the same data is in the lake already, nothing written; `rejected`: no row could be read. */
	status: 'imported' | 'duplicate' | 'rejected';
	/** The raw file written (or, for a duplicate, the one that holds the same data). */
	path: string | null;
	rows_read: number;
	/** Rows written to the raw file: those Bronze will take and those it will reject (`rows_flagged`). */
	rows_written: number;
	/** Rows written whose values Bronze will reject (the reasons are in its rejects after the next run). */
	rows_flagged: number;
	/** Rows that could not be read as rows at all (ragged, not JSON, too long): kept in `rejects_path`. */
	rows_rejected: number;
	rejects_path: string | null;
	message: string;
	duration_ms: number;
}

/** Where an import keeps its record of each file and the rows it could not read (not a raw dataset folder). */
export const IMPORTS_FOLDER = 'raw/_imports';
const FLUSH_CHARS = 1 << 20;

/**
 * Imports one file into the lake's Raw: streams its rows, maps them (`mapping`, from a preview), and writes
 * them as NDJSON to `raw/<dataset>/<batch>.ndjson` through the lake's atomic writer, so nothing is visible
 * until the whole file is written, and nothing at all on cancel or error. Every row read is accounted for:
 * written (`rows_written`, of which `rows_flagged` Bronze will reject with a reason), or, when it cannot be
 * read as a row, kept with its reason in `raw/_imports/<dataset>/<batch>.rejects.ndjson`. The same data as
 * a raw file already in the dataset is not written again (`duplicate`). The next pipeline run ingests the
 * new file only (docs/pipeline.md, "Raw files as versions"). An imported file whose mapping names a
 * currency sets the lake's; `saveFor` keeps the mapping for the next file with that header.
 */
export async function importFile(
	store: LakeStore,
	source: ImportSource,
	mapping: ImportMapping,
	options: ImportOptions = {}
): Promise<ImportResult> {
	const started = performance.now();
	const { signal, onProgress } = options;
	const mapper = new RowMapper(mapping);
	const missing = mapper.unmappedRequired;
	if (missing.length > 0) {
		throw new ImportError(
			`${source.name}: no column of the file is mapped to ${missing.join(', ')} (required for ${mapping.dataset}).`
		);
	}
	const { head, whole } = await readHead(source, SNIFF_BYTES);
	const reader = new SourceReader(source, sniff(source.name, head, whole), ({ bytesRead }) => {
		bytesSeen = bytesRead;
	});
	let bytesSeen = 0;
	const existing = (await store.list(`raw/${mapping.dataset}`)).filter(
		(entry) => entry.path.split('/').length === 3
	);
	const batch = batchName(
		source.name,
		new Set(existing.map((entry) => entry.path)),
		mapping.dataset,
		options.replace ?? false
	);
	const path = `raw/${mapping.dataset}/${batch}.ndjson`;
	const rejectsPath = `${IMPORTS_FOLDER}/${mapping.dataset}/${batch}.rejects.ndjson`;

	const data = new BufferedWriter(await store.writer(path), true);
	let rejects: BufferedWriter | null = null;
	const counts = { read: 0, written: 0, flagged: 0, rejected: 0 };
	try {
		for await (const row of reader.rows(signal)) {
			counts.read++;
			if ('problem' in row) {
				rejects ??= new BufferedWriter(await store.writer(rejectsPath), false);
				counts.rejected++;
				await rejects.line(JSON.stringify({ row: row.row, reason: row.problem, text: row.text }));
			} else {
				const mapped = mapper.map(row.values);
				if (mapped.problems.length > 0) counts.flagged++;
				counts.written++;
				await data.line(JSON.stringify(mapped.row));
			}
			if (counts.read % 4096 === 0) {
				onProgress?.({
					file: source.name,
					bytesRead: bytesSeen,
					bytesTotal: source.blob.size,
					rows: counts.read
				});
				signal?.throwIfAborted();
			}
		}
		await data.flush();
		await rejects?.flush();
		onProgress?.({
			file: source.name,
			bytesRead: source.blob.size,
			bytesTotal: source.blob.size,
			rows: counts.read
		});

		const result = (status: ImportResult['status'], at: string | null, message: string): ImportResult => ({
			file: source.name,
			dataset: mapping.dataset,
			status,
			path: at,
			rows_read: counts.read,
			rows_written: status === 'imported' ? counts.written : 0,
			rows_flagged: status === 'imported' ? counts.flagged : 0,
			rows_rejected: counts.rejected,
			rejects_path: counts.rejected > 0 ? rejectsPath : null,
			message,
			duration_ms: Math.round(performance.now() - started)
		});
		if (counts.written === 0) {
			await data.abort();
			await rejects?.close();
			const why =
				counts.read === 0
					? 'it has no data rows'
					: `none of its ${formatInt(counts.read)} rows could be read (see ${rejectsPath})`;
			return result('rejected', null, `${source.name} was not imported: ${why}.`);
		}
		const sha256 = data.hash!.hex();
		const same = await sameData(store, existing, data.bytes, sha256, path);
		if (options.saveFor) await saveMapping(store, options.saveFor, mapping);
		if (same !== null) {
			await data.abort();
			await rejects?.abort();
			return result(
				'duplicate',
				same,
				`${source.name} holds the same data as ${same}, already in the lake: skipped.`
			);
		}
		await data.close();
		await rejects?.close();
		if (mapping.currency) await writeLakeCurrency(store, mapping.currency);
		const flagged =
			counts.flagged > 0
				? ` ${formatInt(counts.flagged)} of them have values the pipeline will reject (with reasons).`
				: '';
		const unread =
			counts.rejected > 0 ? ` ${formatInt(counts.rejected)} rows could not be read: see ${rejectsPath}.` : '';
		return result('imported', path, `${formatInt(counts.written)} rows → ${path}.${flagged}${unread}`);
	} catch (error) {
		await data.abort();
		await rejects?.abort();
		throw error;
	}
}

/**
 * The batch id for a file: its name without extensions, made a safe file name; with `-2`, `-3`… when a
 * raw file of the dataset has that name already (unless it is to be replaced).
 */
export function batchName(
	fileName: string,
	paths: Set<string>,
	dataset: RawDataset,
	replace: boolean
): string {
	const base =
		baseName(fileName)
			.replace(/[^A-Za-z0-9._-]+/g, '_')
			.replace(/^[._]+/, '') || 'import';
	const taken = (name: string) => [...paths].some((path) => path.startsWith(`raw/${dataset}/${name}.`));
	if (replace || !taken(base)) return base;
	let n = 2;
	while (taken(`${base}-${n}`)) n++;
	return `${base}-${n}`;
}

/** The raw file of the dataset with the same bytes as the one just written, if any (sizes first, then hashes). */
async function sameData(
	store: LakeStore,
	existing: { path: string; size: number }[],
	bytes: number,
	sha256: string,
	path: string
): Promise<string | null> {
	for (const entry of existing) {
		if (entry.size !== bytes || entry.path === path) continue;
		if ((await hashRawFile(store, entry.path)) === sha256) return entry.path;
	}
	const current = existing.find((entry) => entry.path === path);
	if (current && current.size === bytes && (await hashRawFile(store, path)) === sha256) return path;
	return null;
}

/** Lines collected into ~1 MB pieces before each write; optionally hashed and counted as they go. */
class BufferedWriter {
	#pending: string[] = [];
	#chars = 0;
	bytes = 0;
	readonly hash: Sha256 | null;
	readonly #encoder = new TextEncoder();

	constructor(
		private readonly writer: LakeWriter,
		hashed: boolean
	) {
		this.hash = hashed ? new Sha256() : null;
	}

	async line(text: string): Promise<void> {
		this.#pending.push(text);
		this.#chars += text.length + 1;
		if (this.#chars >= FLUSH_CHARS) await this.flush();
	}

	async flush(): Promise<void> {
		if (this.#pending.length === 0) return;
		const bytes = this.#encoder.encode(`${this.#pending.join('\n')}\n`);
		this.#pending = [];
		this.#chars = 0;
		this.hash?.update(bytes);
		this.bytes += bytes.byteLength;
		await this.writer.write(bytes);
	}

	async close(): Promise<void> {
		await this.flush();
		await this.writer.close();
	}

	async abort(): Promise<void> {
		await this.writer.abort();
	}
}
