import { describe, expect, it } from 'vitest';
import { KeptAnswers } from '../../src/lib/sql/kept-answers';
import type { QueryResult } from '../../src/lib/sql/sql-engine';

/** An answer of `rows` rows, each naming the query and the how-manieth time it was asked. */
function asker(asked: string[]) {
	return (text: string, rows = 1) =>
		async (): Promise<QueryResult> => {
			asked.push(text);
			const n = asked.filter((t) => t === text).length;
			return {
				columns: [{ name: 'asked', type: 'VARCHAR' }],
				rows: Array.from({ length: rows }, () => ({ asked: `${text} #${n}` })),
				rowCount: rows
			} as QueryResult;
		};
}

describe('KeptAnswers', () => {
	it('answers a text asked again on the same generation from the answer kept, and asks again on a new one', async () => {
		const asked: string[] = [];
		const ask = asker(asked);
		const answers = new KeptAnswers();
		expect((await answers.answer('a', 1, ask('a'))).rows).toEqual([{ asked: 'a #1' }]);
		expect((await answers.answer('a', 1, ask('a'))).rows).toEqual([{ asked: 'a #1' }]);
		expect((await answers.answer('b', 1, ask('b'))).rows).toEqual([{ asked: 'b #1' }]);
		expect((await answers.answer('a', 2, ask('a'))).rows).toEqual([{ asked: 'a #2' }]);
		expect(asked).toEqual(['a', 'b', 'a']);
		// The same text asked twice at once is asked once.
		const [x, y] = await Promise.all([answers.answer('c', 2, ask('c')), answers.answer('c', 2, ask('c'))]);
		expect(x).toEqual(y);
		expect(asked).toEqual(['a', 'b', 'a', 'c']);
		// A caller that changes its rows leaves the kept answer as it was.
		x.rows[0].asked = 'changed';
		x.rows.reverse().push({ asked: 'added' });
		expect((await answers.answer('c', 2, ask('c'))).rows).toEqual([{ asked: 'c #1' }]);
	});

	it('keeps `limit` answers, forgetting the least recently used', async () => {
		const asked: string[] = [];
		const ask = asker(asked);
		const answers = new KeptAnswers(2);
		await answers.answer('a', 1, ask('a'));
		await answers.answer('b', 1, ask('b'));
		await answers.answer('a', 1, ask('a')); // a is now the most recently used
		await answers.answer('c', 1, ask('c')); // b goes
		await answers.answer('a', 1, ask('a'));
		await answers.answer('b', 1, ask('b'));
		expect(asked).toEqual(['a', 'b', 'c', 'b']);
	});

	it('keeps neither a failed answer nor one of more than 5,000 rows', async () => {
		const asked: string[] = [];
		const ask = asker(asked);
		const answers = new KeptAnswers();
		const failing = async (): Promise<QueryResult> => {
			asked.push('bad');
			throw new Error('Binder Error');
		};
		await expect(answers.answer('bad', 1, failing)).rejects.toThrow('Binder Error');
		await expect(answers.answer('bad', 1, failing)).rejects.toThrow('Binder Error');
		await answers.answer('big', 1, ask('big', 5_001));
		await answers.answer('big', 1, ask('big', 5_001));
		await answers.answer('fits', 1, ask('fits', 5_000));
		await answers.answer('fits', 1, ask('fits', 5_000));
		expect(asked).toEqual(['bad', 'bad', 'big', 'big', 'fits']);
	});
});
