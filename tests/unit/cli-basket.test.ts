import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { ruleRecord } from '../../src/lib/basket/rule-records';
import { ruleMetrics } from '../../src/lib/basket/rule-metrics';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';

interface BasketJson {
	level: string;
	transactions: number;
	itemsets: number;
	itemsets_by_size: number[];
	min_support: number;
	min_count: number;
	rule_count: number;
	rules: Record<string, unknown>[];
}

describe('CLI basket (association rules over a lake folder)', () => {
	let dir: string;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'cli-basket-'));
		await generateRaw(
			{ salesLines: 8_000, seed: 3, from: '2024-01-01', to: '2024-12-31' },
			new NodeLakeStore(dir)
		);
		const { code, err } = await cli('pipeline', '--lake', dir, '--threads', '1');
		expect(code, err).toBe(0);
	}, 120_000);
	afterAll(async () => rm(dir, { recursive: true, force: true }));

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	async function basket(...args: string[]): Promise<BasketJson> {
		const { code, out, err } = await cli('basket', '--lake', dir, '--json', ...args);
		expect(code, err).toBe(0);
		return JSON.parse(out) as BasketJson;
	}

	it('prints mlxtend’s columns with names and ids, sorted by lift before any cut', async () => {
		const all = await basket('--min-support', '10', '--min-lift', '0', '--min-confidence', '0');
		expect(all).toMatchObject({ level: 'product', min_count: 10, rule_count: all.rules.length });
		expect(all.min_support).toBeCloseTo(10 / all.transactions, 12);
		expect(all.itemsets).toBe(all.itemsets_by_size.reduce((a, b) => a + b, 0));
		expect(Object.keys(all.rules[0])).toEqual([
			'antecedents',
			'consequents',
			'antecedent support',
			'consequent support',
			'support',
			'confidence',
			'lift',
			'representativity',
			'leverage',
			'conviction',
			'zhangs_metric',
			'jaccard',
			'certainty',
			'kulczynski',
			'antecedent_ids',
			'consequent_ids',
			'count'
		]);
		expect(all.rules[0].antecedent_ids).toEqual([expect.stringMatching(/^P\d{4}$/)]);
		const lifts = all.rules.map((rule) => rule.lift as number);
		expect(lifts).toEqual([...lifts].sort((a, b) => b - a));

		const top = await basket(
			'--min-support',
			'10',
			'--min-lift',
			'0',
			'--min-confidence',
			'0',
			'--limit',
			'5'
		);
		expect(top.rules).toEqual(all.rules.slice(0, 5));
		expect(top.rule_count).toBe(all.rule_count);

		const strong = await basket('--min-support', '10', '--min-lift', '3', '--min-confidence', '0.2');
		expect(strong.rules).toEqual(
			all.rules.filter((rule) => (rule.lift as number) >= 3 && (rule.confidence as number) >= 0.2)
		);
	});

	it('filters the transactions like the pages, mines each level, and saves in the lake on --save', async () => {
		const pos = await basket('--channel', 'pos', '--min-support', '5');
		const web = await basket('--channel', 'web', '--min-support', '5');
		const both = await basket('--min-support', '5');
		expect(pos.transactions + web.transactions).toBe(both.transactions);
		const cross = await basket('--level', 'cross-channel', '--limit', '3');
		for (const rule of cross.rules) {
			expect((rule.antecedents as string[]).every((name) => name.startsWith('In store: '))).toBe(true);
			expect((rule.consequent_ids as string[]).every((id) => id.startsWith('online:'))).toBe(true);
		}
		const { code, err } = await cli('basket', '--lake', dir, '--level', 'category', '--save');
		expect(code, err).toBe(0);
		expect(err).toMatch(/^Saved analytics\/basket\/run-[\w-]+\/category\.parquet$/);
		const saved = await new NodeLakeStore(dir).list('analytics/basket');
		expect(saved.map((entry) => entry.path.split('/').pop())).toEqual(['category.json', 'category.parquet']);
	});

	it('refuses bad options with the usage, and a lake without Gold with a sentence', async () => {
		for (const args of [
			['--level', 'aisle'],
			['--min-support', '1.5'],
			['--min-confidence', '2'],
			['--max-len', '0']
		]) {
			const { code, err } = await cli('basket', '--lake', dir, ...args);
			expect(code, args.join(' ')).toBe(2);
			expect(err).toContain('Usage: npm run cli -- basket');
		}
		const empty = await mkdtemp(join(tmpdir(), 'cli-basket-empty-'));
		try {
			const { code, err } = await cli('basket', '--lake', empty);
			expect(code).toBe(1);
			expect(err).toContain('has no published Gold yet');
		} finally {
			await rm(empty, { recursive: true, force: true });
		}
	});

	it('writes an infinite conviction as the string "inf" (JSON has no infinity)', () => {
		const items = [0, 1].map((id) => ({
			id,
			label: `Item ${id}`,
			productId: `P${id}`,
			category: null,
			side: null
		}));
		const record = ruleRecord(
			{ antecedents: [0], consequents: [1], count: 2, ...ruleMetrics(0.2, 0.2, 0.5) },
			items
		);
		expect(record.conviction).toBe('inf');
		expect(JSON.parse(JSON.stringify(record)).conviction).toBe('inf');
	});
});
