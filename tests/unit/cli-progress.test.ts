import { describe, expect, it } from 'vitest';
import { Progress, type ProgressStream } from '../../src/cli/progress';

function fakeStream(isTTY: boolean, columns?: number): ProgressStream & { written: string[] } {
	const written: string[] = [];
	return { isTTY, columns, written, write: (text: string) => written.push(text) };
}

/** What a pipeline run reports: a step per file while ingesting, then publish once per table. */
function reportRun(progress: Progress): void {
	const files = ['raw/pos_sales/a.csv', 'raw/web_orders/a.ndjson'];
	for (const file of files) progress.update(`  ingest ${file}…`, '  ingest…');
	progress.update('  silver…', '  silver…');
	for (let table = 0; table < 29; table++) progress.update(`  publish… (table ${table + 1})`, '  publish…');
	progress.done();
}

describe('CLI progress', () => {
	it('off a terminal prints each milestone once, however often it is reported', () => {
		const stream = fakeStream(false);
		reportRun(new Progress(stream));
		expect(stream.written).toEqual(['  ingest…\n', '  silver…\n', '  publish…\n']);
	});

	it('off a terminal prints nothing for an update without a milestone', () => {
		const stream = fakeStream(false);
		const progress = new Progress(stream);
		progress.update('  12 %  1,000 rows');
		progress.update('  25 %  2,000 rows', '  25 %');
		progress.done();
		expect(stream.written).toEqual(['  25 %\n']);
	});

	it('on a terminal redraws one line in place and clears it when done', () => {
		const stream = fakeStream(true);
		reportRun(new Progress(stream));
		expect(stream.written).toHaveLength(2 + 1 + 29 + 1);
		expect(stream.written.join('')).not.toContain('\n');
		expect(stream.written[0]).toBe('\r\x1b[2K  ingest raw/pos_sales/a.csv…');
		expect(stream.written.at(-2)).toBe('\r\x1b[2K  publish… (table 29)');
		expect(stream.written.at(-1)).toBe('\r\x1b[2K');
	});

	it('on a terminal keeps the line shorter than the terminal is wide', () => {
		const stream = fakeStream(true, 30);
		const progress = new Progress(stream);
		progress.update(`  ingest ${'x'.repeat(100)}…`);
		expect(stream.written[0]).toBe(`\r\x1b[2K  ingest ${'x'.repeat(19)}…`);
		expect(stream.written[0].length - '\r\x1b[2K'.length).toBe(29);
	});
});
