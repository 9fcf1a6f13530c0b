import { describe, expect, it } from 'vitest';
import {
	planRawFiles,
	type RawFileVersion,
	type RecordedRawFile
} from '../../../../src/lib/pipeline/run/raw-plan';
import type { RawDataset } from '../../../../src/lib/pipeline/types';

function file(path: string, sha256: string): RawFileVersion {
	const [, dataset, name] = path.split('/');
	const dot = name.lastIndexOf('.');
	return {
		path,
		dataset: dataset as RawDataset,
		batchId: name.slice(0, dot),
		format: name.slice(dot + 1) as RawFileVersion['format'],
		size: 1,
		modified: 1,
		sha256
	};
}

function recorded(
	path: string,
	sha256: string,
	status: RecordedRawFile['status'] = 'ingested',
	message?: string
): RecordedRawFile {
	const { dataset, batchId } = file(path, sha256);
	return {
		path,
		dataset,
		batch_id: batchId,
		sha256,
		status,
		rows_raw: 3,
		rows_bronze: status === 'ingested' ? 3 : 0,
		rows_rejected: 0,
		duration_ms: 1,
		run_id: 'run-1',
		...(message ? { message } : {})
	};
}

/** The plan in short: paths to ingest and remove, and each skipped file as `path status [of]`. */
function summary(present: RawFileVersion[], before: RecordedRawFile[]) {
	const plan = planRawFiles(present, before);
	return {
		ingest: plan.ingest.map((f) => f.path),
		remove: plan.remove.map((f) => f.path),
		skip: plan.skip.map((s) => `${s.file.path} ${s.status}${s.of ? ` ${s.of}` : ''}`),
		clashes: plan.clashes.map((s) => `${s.file.path} ${s.of}`)
	};
}

const A = 'raw/pos_sales/a.csv';
const B = 'raw/pos_sales/b.csv';
const Z = 'raw/pos_sales/z.csv';

describe('planRawFiles: raw files as versions', () => {
	it('ingests new files, skips unchanged ones', () => {
		expect(summary([file(A, 'x'), file(B, 'y')], [recorded(A, 'x')])).toEqual({
			ingest: [B],
			remove: [],
			skip: [`${A} skipped`],
			clashes: []
		});
	});

	it('replaces a changed file: its old rows are removed and the file ingested again', () => {
		expect(summary([file(A, 'x2')], [recorded(A, 'x')])).toEqual({
			ingest: [A],
			remove: [A],
			skip: [],
			clashes: []
		});
	});

	it('removes the rows of a deleted file', () => {
		expect(summary([file(B, 'y')], [recorded(A, 'x'), recorded(B, 'y')])).toEqual({
			ingest: [],
			remove: [A],
			skip: [`${B} skipped`],
			clashes: []
		});
	});

	it('skips the same bytes under another name as a duplicate, the file already ingested kept even if it sorts later', () => {
		expect(summary([file(A, 'z'), file(Z, 'z')], [recorded(Z, 'z')])).toEqual({
			ingest: [],
			remove: [],
			skip: [`${A} duplicate ${Z}`, `${Z} skipped`],
			clashes: []
		});
		// Among new files, the first by path is kept.
		expect(summary([file(Z, 'n'), file(A, 'n')], [])).toMatchObject({
			ingest: [A],
			skip: [`${Z} duplicate ${A}`]
		});
	});

	it('ingests a duplicate once the file it repeated is gone (a rename)', () => {
		expect(summary([file(B, 'x')], [recorded(A, 'x'), recorded(B, 'x', 'duplicate')])).toEqual({
			ingest: [B],
			remove: [A],
			skip: [],
			clashes: []
		});
	});

	it('keeps a rejected file rejected until its bytes change, then tries it again', () => {
		const before = [recorded(A, 'bad', 'rejected', 'The file is empty.')];
		expect(summary([file(A, 'bad')], before)).toEqual({
			ingest: [],
			remove: [],
			skip: [`${A} rejected`],
			clashes: []
		});
		expect(summary([file(A, 'good')], before)).toEqual({ ingest: [A], remove: [], skip: [], clashes: [] });
	});

	it('does not call the same bytes in two datasets duplicates', () => {
		const stores = 'raw/stores/a.csv';
		expect(summary([file(A, 'same'), file(stores, 'same')], []).ingest).toEqual([A, stores]);
	});

	it('rejects a second file of a dataset with the same batch id; the one ingested before keeps it', () => {
		const ndjson = 'raw/web_orders/a.ndjson';
		const json = 'raw/web_orders/a.json';
		expect(summary([file(json, 'j'), file(ndjson, 'n')], [recorded(ndjson, 'n')])).toEqual({
			ingest: [],
			remove: [],
			skip: [`${ndjson} skipped`],
			clashes: [`${json} ${ndjson}`]
		});
	});
});
