import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeLake, publishedRun } from '../../src/cli/native-lake';
import { runCli } from '../../src/cli/main';
import { kpiFilters, type KpiFilters } from '../../src/lib/analytics/filters';
import { answerQuestion } from '../../src/lib/ask/answer-question';
import { readDataVocabulary } from '../../src/lib/ask/data-vocabulary';
import { executiveSummary } from '../../src/lib/insights/executive-summary';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';
import { computeSignals, type SignalsData } from '../../src/lib/signals/signals-data';
import { scoreWebOrders } from '../../src/lib/signals/fraud';
import {
	DETECTION_STEPS,
	DetectionCancelled,
	detectionSteps,
	type DetectionProgress
} from '../../src/lib/signals/detection-progress';
import type { AnalyticsService } from '../../src/lib/engine/analytics-service';
import type { LakeService } from '../../src/lib/engine/lake-service';
import { RequestQueue, Superseded, type RequestOptions, type Turn } from '../../src/lib/engine/request-queue';
import { SignalsService } from '../../src/lib/engine/signals-service';
import { SIGNALS_FOLDER, SIGNALS_VERSION, signalsPath } from '../../src/lib/signals/signals-store';
import { anomalyReport, fraudReport } from '../../src/lib/signals/signals-reports';
import type { LakeManifest } from '../../src/lib/pipeline/types';

interface SignalsJson {
	truth: string;
	anomalies: {
		found: number;
		evaluation: {
			recall: number;
			precision: number;
			types: { type: string; recall: number; precision: number }[];
		};
		list: { id: string; impact: number }[];
	};
	fraud: {
		scored: number;
		flagged: number;
		flag_rate: number;
		evaluation: { recall: number; precision: number };
	};
}

async function cli(...args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
	expect(code, err.join('\n')).toBe(0);
	return out.join('\n');
}

/** The filters as the CLI's options (spikes are left out there by default, as in `kpiFilters`). */
function filterArgs(filters: KpiFilters): string[] {
	const args = (['from', 'to', 'city', 'channel', 'category'] as const).flatMap((key) =>
		filters[key] === undefined ? [] : [`--${key}`, filters[key]!]
	);
	return filters.spikes === 'exclude' ? args : [...args, '--include-spikes'];
}

/** A field of a JSON report by path: `cards.current.revenue`, `categories[category=Toys].revenue`. */
function pick(value: unknown, path: string): unknown {
	let current = value;
	for (const part of path.match(/[^.[\]]+(?:\[[^\]]+\])?/g) ?? []) {
		const [, key, match] = /^([^[]+)(?:\[([^=]+=[^\]]+)\])?$/.exec(part)!;
		current = (current as Record<string, unknown>)[key];
		if (match) {
			const [field, wanted] = match.split('=');
			current = (current as Record<string, unknown>[]).find((row) => String(row[field]) === wanted);
		}
	}
	return current;
}

/**
 * The detectors on the demo lake (the Lake page's defaults: 70,000 lines over three years, seed 42), scored
 * against the events its generator planted; the executive summary and "Ask the data" against `cli report`.
 */
describe('signals on a generated lake', () => {
	let dir: string;
	let json: SignalsJson;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'cli-signals-'));
		await cli('generate', '--out', dir);
		await cli('pipeline', '--lake', dir, '--threads', '1');
		json = JSON.parse(await cli('signals', '--lake', dir, '--json', '--limit', '1000')) as SignalsJson;
	}, 300_000);
	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('finds the planted anomalies: recall ≥ 0.9 and precision ≥ 0.7, per type and over all', () => {
		expect(json.truth).toBe('planted');
		const { evaluation } = json.anomalies;
		expect(evaluation.recall).toBeGreaterThanOrEqual(0.9);
		expect(evaluation.precision).toBeGreaterThanOrEqual(0.7);
		for (const type of evaluation.types) {
			expect(type.recall, type.type).toBeGreaterThanOrEqual(0.9);
			expect(type.precision, type.type).toBeGreaterThanOrEqual(0.7);
		}
	});

	it('flags at most 2 % of web orders and at least 80 % of the planted fraud', () => {
		expect(json.fraud.flag_rate).toBeLessThanOrEqual(0.02);
		expect(json.fraud.flagged / json.fraud.scored).toBe(json.fraud.flag_rate);
		expect(json.fraud.evaluation.recall).toBeGreaterThanOrEqual(0.8);
	});

	describe('on the lake’s published Gold', () => {
		let lake: Awaited<ReturnType<typeof openNativeLake>>;
		let data: SignalsData;
		let sql: SqlEngine;
		let manifest: LakeManifest;
		const reported: DetectionProgress[] = [];
		beforeAll(async () => {
			lake = await openNativeLake(dir, { threads: 1 });
			const published = await publishedRun(lake);
			sql = published.sql;
			manifest = published.manifest;
			data = await computeSignals(
				sql,
				lake.store,
				manifest,
				detectionSteps((progress) => reported.push(progress))
			);
		}, 120_000);
		afterAll(async () => {
			await lake?.sql.close();
		});

		it('reports each of the eight detection steps once, in order', () => {
			expect(reported).toEqual(DETECTION_STEPS.map((label, i) => ({ step: i + 1, steps: 8, label })));
		});

		it('a cancelled detection stops at its next step', async () => {
			const controller = new AbortController();
			const seen: string[] = [];
			const steps = detectionSteps((progress) => {
				seen.push(progress.label);
				if (progress.label === 'reading daily sales per category') controller.abort();
			}, controller.signal);
			await expect(computeSignals(sql, lake.store, manifest, steps)).rejects.toBeInstanceOf(
				DetectionCancelled
			);
			expect(seen).toEqual(DETECTION_STEPS.slice(0, 3));
		});

		it('scoring web orders pauses between its parts, where a waiting request runs; the orders come out the same', async () => {
			const factRows: number[] = [];
			const orders = await scoreWebOrders(sql, async () => {
				factRows.push(Number((await sql.query('SELECT count(*) AS n FROM gold_fact_sales')).rows[0].n));
			});
			// After each of the eight working tables before the facts (categories' bulk quantity, lines, orders'
			// categories, repeated bulk, ship-to cities, orders, accounts' first orders, cities seen), then
			// before each page of 20,000 orders.
			expect(data.orders.length).toBeGreaterThan(100);
			expect(factRows).toHaveLength(8 + Math.ceil(data.orders.length / 20_000));
			expect(new Set(factRows)).toEqual(new Set([Number(manifest.tables['gold/fact_sales'].rows)]));
			expect(orders).toEqual(data.orders);
			// Its working tables are gone.
			const { rows } = await sql.query(
				"SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'fraud_%'"
			);
			expect(Number(rows[0].n)).toBe(0);
		});

		it('reading daily sales and prices pauses between its ranges of days and of products; the anomalies come out the same', async () => {
			let step = '';
			const pauses: string[] = [];
			const again = await computeSignals(
				sql,
				lake.store,
				manifest,
				(label) => void (step = label),
				() => void pauses.push(step)
			);
			// Four ranges of days per panel, a pause before each but the first.
			expect(pauses.filter((label) => label === 'reading daily sales per store')).toHaveLength(3);
			expect(pauses.filter((label) => label === 'reading daily sales per category')).toHaveLength(3);
			expect(pauses.filter((label) => label === 'reading prices')).toHaveLength(4);
			expect(again.detected).toEqual(data.detected);
		});

		/** A SignalsService on this lake's engine, as one browser engine (a page load) holds one. */
		function engineSignals(engineSql: SqlEngine = sql): SignalsService {
			// The engine's request queue: one request at a time, as AnalyticsService runs them.
			const queue = new RequestQueue();
			const analytics = {
				onPublished<T>(
					work: (sql: SqlEngine, runId: string, manifest: LakeManifest, turn: Turn) => Promise<T>,
					options: RequestOptions = { priority: 'page' }
				) {
					return queue.run((turn) => work(engineSql, manifest.run_id, manifest, turn), options);
				}
			} as unknown as AnalyticsService;
			return new SignalsService(analytics, { store: lake.store } as unknown as LakeService);
		}

		it('Cancel fails every request made before it; the next request detects afresh', async () => {
			await lake.store.delete(SIGNALS_FOLDER);
			const service = engineSignals();
			const heard: number[] = [];
			const first = service.report('anomalies', {}, (progress) => {
				heard.push(progress.step);
				if (progress.step === 2) service.cancelDetection();
			});
			const queued = service.summary({});
			await expect(first).rejects.toBeInstanceOf(DetectionCancelled);
			await expect(queued).rejects.toBeInstanceOf(DetectionCancelled);
			expect(heard).toEqual([1, 2]);

			// A cancel during the last step drops the answer too.
			const late = service.report('anomalies', {}, (progress) => {
				if (progress.step === progress.steps) service.cancelDetection();
			});
			await expect(late).rejects.toBeInstanceOf(DetectionCancelled);

			const again = await service.report('fraud', {});
			expect(again.report.scored).toBe(data.orders.length);
			expect(again.report.flagged).toBe(data.orders.filter((order) => order.flagged).length);
		}, 120_000);

		// Regression: every page load detected again (~5 s of the engine at 70,000 lines, a minute at 1M), so
		// each reload of the Overview held the dashboards' engine for it.
		it('a reload reads the run’s detection kept in the lake instead of detecting again', async () => {
			await lake.store.delete(SIGNALS_FOLDER);
			const heardFirst: number[] = [];
			const first = await engineSignals().report('anomalies', {}, (p) => heardFirst.push(p.step));
			expect(heardFirst).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
			expect((await lake.store.list(SIGNALS_FOLDER)).map((entry) => entry.path)).toEqual([
				signalsPath(manifest.run_id)
			]);

			const heardAfterReload: number[] = [];
			const reloaded = engineSignals();
			const anomalies = await reloaded.report('anomalies', {}, (p) => heardAfterReload.push(p.step));
			expect(heardAfterReload).toEqual([]);
			expect(anomalies).toEqual(first);
			// The kept file holds what a fresh detection computed: every anomaly, scored order and evaluation
			// (the time it took aside: the fresh one is this file's, the kept one the first service's).
			const fraud = await reloaded.report('fraud', {});
			const untimed = { elapsedMs: 0 };
			expect({ ...anomalies.report, ...untimed }).toEqual({ ...anomalyReport(data, {}), ...untimed });
			expect({ ...fraud.report, ...untimed }).toEqual({ ...fraudReport(data, {}), ...untimed });
		}, 120_000);

		// Regression: each filter change on the Overview asks for its executive summary, and the engine computed
		// every one in turn, so the next page's reports waited behind summaries nobody would see (Sales after the
		// Overview's filter changes at 1M lines: 1.5–2.3 s a filter change, against ~0.4 s).
		it('stale summaries hold up dashboards no more: one under way stops at its next step, one waiting never starts', async () => {
			let queries = 0;
			let onQuery = () => {};
			const counted = new Proxy(sql, {
				get(target, property, receiver) {
					const value = Reflect.get(target, property, receiver);
					if (property !== 'query') return typeof value === 'function' ? value.bind(target) : value;
					return (...args: unknown[]) => {
						queries++;
						onQuery();
						return value.apply(target, args);
					};
				}
			});
			const service = engineSignals(counted);
			await service.report('anomalies', {}); // the detection, which the summaries share, done first
			const countQueries = async (ask: () => Promise<unknown>) => {
				const before = queries;
				await ask();
				return queries - before;
			};
			const delhiAlone = await countQueries(() => service.summary({ city: 'Delhi' }));
			const everythingAlone = await countQueries(() => service.summary({}));

			queries = 0;
			const started = new Promise<void>((resolve) => (onQuery = resolve));
			const delhi = service.summary({ city: 'Delhi' });
			await started;
			const web = expect(service.summary({ channel: 'web' })).rejects.toBeInstanceOf(Superseded);
			const everything = service.summary({});
			await expect(delhi).rejects.toBeInstanceOf(Superseded);
			await web;
			const newest = await everything;
			expect(newest.report).toEqual(await executiveSummary(sql, {}, data.detected.dataEnd!, data, null));
			// Delhi's ran its first step (its KPI cards' queries) and no more; the online one none.
			expect(queries).toBeGreaterThan(everythingAlone);
			expect(queries).toBeLessThan(everythingAlone + delhiAlone);
		}, 120_000);

		it('a kept detection of another version, or a damaged one, is detected again; files of other runs are removed', async () => {
			const path = signalsPath(manifest.run_id);
			const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
			for (const kept of [
				encode({ version: SIGNALS_VERSION - 1, data }),
				encode({ version: SIGNALS_VERSION, data }).slice(0, 1000)
			]) {
				await lake.store.delete(SIGNALS_FOLDER);
				await lake.store.write(path, kept);
				await lake.store.write(signalsPath('an-older-run'), encode({ version: SIGNALS_VERSION, data }));
				const heard: number[] = [];
				const report = await engineSignals().report('anomalies', {}, (p) => heard.push(p.step));
				expect(heard).toHaveLength(8);
				expect(report.report.total).toBe(data.detected.anomalies.length);
				expect((await lake.store.list(SIGNALS_FOLDER)).map((entry) => entry.path)).toEqual([path]);
				const rewritten = JSON.parse(new TextDecoder().decode(await lake.store.read(path)));
				expect(rewritten.version).toBe(SIGNALS_VERSION);
			}
		}, 120_000);

		it.each([
			['no filters', {}],
			['Q3 2025 in Delhi', { from: '2025-07-01', to: '2025-09-30', city: 'Delhi' }],
			['online, 2024', { from: '2024-01-01', to: '2024-12-31', channel: 'web' as const }]
		])('every insight of the executive summary equals the figure it cites (%s)', async (_, urlFilters) => {
			const summary = await executiveSummary(sql, kpiFilters(urlFilters), data.detected.dataEnd!, data, null);
			expect(summary.insights.length).toBeGreaterThanOrEqual(3);
			expect(summary.insights.length).toBeLessThanOrEqual(5);
			for (const insight of summary.insights) {
				const { source } = insight;
				if (source.kind === 'report') {
					const report = JSON.parse(
						await cli('report', '--lake', dir, '--json', '--page', source.page, ...filterArgs(source.filters))
					) as { pages: Record<string, unknown> };
					expect(pick(report.pages[source.page], source.field), insight.id).toBe(insight.value);
				} else if (source.kind === 'signals') {
					const signals = JSON.parse(
						await cli('signals', '--lake', dir, '--json', '--limit', '100000', ...filterArgs(source.filters))
					) as { anomalies: { list: unknown[] }; fraud: unknown };
					const value = source.field.startsWith('fraud.')
						? pick(signals, source.field)
						: pick({ anomalies: signals.anomalies.list }, source.field);
					expect(value, insight.id).toBe(insight.value);
				}
				// Every number in the sentence comes from the data: none is left as a placeholder.
				expect(insight.text).not.toMatch(/undefined|NaN|null/);
			}
		});

		it('answers questions with the figures `cli report` prints', async () => {
			const vocabulary = await readDataVocabulary(sql);
			const signals = async () => data;
			const ask = (question: string) => answerQuestion(sql, question, vocabulary, signals);
			const report = async (page: string, ...args: string[]) =>
				(
					JSON.parse(await cli('report', '--lake', dir, '--json', '--page', page, ...args)) as {
						// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a report page's JSON, read field by field
						pages: Record<string, any>;
					}
				).pages[page];

			const pune = await ask('revenue in Pune in Q4 2025');
			const overview = await report(
				'overview',
				'--city',
				'Pune',
				'--from',
				'2025-10-01',
				'--to',
				'2025-12-31'
			);
			expect(pune.result).toMatchObject({ kind: 'number' });
			expect((pune.result as { value: number }).value).toBeCloseTo(overview.cards.current.revenue, 2);
			expect(pune.sql).toContain('gold_fact_sales');

			const customers = await ask('customers online last year');
			const web = await report('overview', '--channel', 'web', '--from', '2024-01-01', '--to', '2024-12-31');
			expect((customers.result as { value: number }).value).toBe(web.cards.current.customers);

			const categories = await ask('revenue by category in 2024');
			const sales = await report('sales', '--from', '2024-01-01', '--to', '2024-12-31');
			const rows = (categories.result as { rows: { label: string; value: number }[] }).rows;
			expect(rows.map((r) => r.label).sort()).toEqual(
				sales.categories.map((c: { category: string }) => c.category).sort()
			);
			for (const row of rows) {
				const expected = sales.categories.find((c: { category: string }) => c.category === row.label).revenue;
				expect(row.value).toBeCloseTo(expected, 2);
			}

			const stock = await ask('reorder alerts');
			const inventory = await report('inventory');
			expect((stock.result as { value: number }).value).toBe(inventory.alertCount);

			const flagged = await ask('flagged orders');
			expect(flagged.summary).toContain(
				`${json.fraud.flagged} of ${json.fraud.scored.toLocaleString('en-IN')}`
			);
		});
	});
});
