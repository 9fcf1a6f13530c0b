import { describe, expect, it } from 'vitest';
import { steppedSql } from '../../../src/lib/engine/stepped-sql';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';

/** An engine that logs each statement's start and end; a statement takes one timer tick. */
function loggingEngine(log: string[]): SqlEngine {
	const run = async (text: string) => {
		log.push(`start ${text}`);
		await new Promise((resolve) => setTimeout(resolve));
		log.push(`end ${text}`);
	};
	return {
		exec: run,
		query: async (text: string) => {
			await run(text);
			return { columns: [], rows: [{ text }] };
		},
		describe: () => 'logging engine'
	} as unknown as SqlEngine;
}

describe('steppedSql', () => {
	it('runs statements one at a time, each after a step, even when they are sent together', async () => {
		const log: string[] = [];
		const sql = steppedSql(loggingEngine(log), async () => void log.push('step'));
		const [a, b] = await Promise.all([sql.query('a'), sql.query('b'), sql.exec('c')]);
		expect([a.rows, b.rows]).toEqual([[{ text: 'a' }], [{ text: 'b' }]]);
		expect(log).toEqual(['step', 'start a', 'end a', 'step', 'start b', 'end b', 'step', 'start c', 'end c']);
		expect((sql as unknown as { describe(): string }).describe()).toBe('logging engine');
	});

	it('a step that throws stops the statement after it; the statements sent later take their own steps', async () => {
		const log: string[] = [];
		let steps = 0;
		const sql = steppedSql(loggingEngine(log), async () => {
			if (++steps === 2) throw new Error('moot');
		});
		const answers = await Promise.allSettled([sql.query('a'), sql.query('b'), sql.query('c')]);
		expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(log).toEqual(['start a', 'end a', 'start c', 'end c']);
	});
});
