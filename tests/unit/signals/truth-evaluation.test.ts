import { describe, expect, it } from 'vitest';
import type { RawTruth } from '../../../src/lib/generate/truth';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import type { Anomaly } from '../../../src/lib/signals/anomalies';
import { evaluateAnomalies, evaluateFraud, truthCoversLake } from '../../../src/lib/signals/truth-evaluation';

function anomaly(
	partial: Partial<Anomaly> & Pick<Anomaly, 'id' | 'type' | 'subject' | 'from' | 'to'>
): Anomaly {
	return { direction: 'down', ...partial } as Anomaly;
}

/** Two outages, one promotion, two price errors (one that no sale hit), three fraud orders. */
const truth = {
	files: {
		pos_sales: { path: 'raw/pos_sales/a.csv' },
		web_orders: { path: 'raw/web_orders/a.ndjson' }
	},
	defects: { pos_sales: { quantity_spike: 2 }, web_orders: { quantity_spike: 1 } },
	events: {
		storeOutages: [
			{ storeId: 'STR-1', from: '2024-03-01', to: '2024-03-10' },
			{ storeId: 'STR-2', from: '2024-06-01', to: '2024-06-05' }
		],
		categoryPromotions: [{ category: 'Toys', from: '2024-04-01', to: '2024-04-07' }],
		priceErrors: [
			{ productId: 'P1', factor: 10, from: '2024-05-01', to: '2024-05-02', lines: 4 },
			{ productId: 'P2', factor: 0.1, from: '2024-07-01', to: '2024-07-01', lines: 0 }
		],
		fraud: {
			orders: [
				{ orderId: 'W1', pattern: 'card_testing' },
				{ orderId: 'W2', pattern: 'card_testing' },
				{ orderId: 'W3', pattern: 'reseller' }
			]
		}
	}
} as unknown as RawTruth;

describe('evaluateAnomalies: precision and recall per planted event type', () => {
	it('counts a planted event found when an anomaly of its detector, subject and direction overlaps its days', () => {
		const found = [
			// Overlaps outage 1 (found); outage 2 is missed.
			anomaly({ id: 's1', type: 'store', subject: 'STR-1', from: '2024-02-25', to: '2024-03-02' }),
			// A store rise is not an outage: a false positive.
			anomaly({
				id: 's2',
				type: 'store',
				subject: 'STR-1',
				from: '2024-03-05',
				to: '2024-03-06',
				direction: 'up'
			}),
			anomaly({
				id: 'c1',
				type: 'category',
				subject: 'Toys',
				from: '2024-04-02',
				to: '2024-04-08',
				direction: 'up'
			}),
			anomaly({
				id: 'p1',
				type: 'price',
				subject: 'P1',
				from: '2024-05-01',
				to: '2024-05-01',
				direction: 'up'
			}),
			// The wrong direction for P1's ×10: false.
			anomaly({
				id: 'p2',
				type: 'price',
				subject: 'P1',
				from: '2024-05-02',
				to: '2024-05-02',
				direction: 'down'
			}),
			anomaly({
				id: 'q1',
				type: 'quantity_spike',
				subject: 'P9',
				from: '2024-01-01',
				to: '2024-01-01',
				direction: 'up'
			})
		];
		const result = evaluateAnomalies(found, truth);
		const byType = Object.fromEntries(result.types.map((t) => [t.type, t]));
		// Outages: 1 of 2 found; 1 of 2 store anomalies true.
		expect(byType.store_outage).toMatchObject({
			observable: 2,
			found: 1,
			recall: 0.5,
			detections: 2,
			truePositives: 1,
			precision: 0.5
		});
		expect(byType.store_outage.missed).toEqual(['STR-2 closed 2024-06-01 … 2024-06-05']);
		expect(byType.store_outage.falsePositives).toEqual(['s2']);
		expect(byType.category_promotion).toMatchObject({ found: 1, recall: 1, precision: 1 });
		// Price errors: P2 hit no sale, so only P1 is observable: 1 of 1; precision 1 of 2.
		expect(byType.price_error).toMatchObject({
			planted: 2,
			observable: 1,
			found: 1,
			recall: 1,
			precision: 0.5
		});
		// Overall: found 1 + 1 + 1 of observable 2 + 1 + 1 = 3/4; true 1 + 1 + 1 of detections 2 + 1 + 2 = 3/5.
		expect(result.recall).toBe(0.75);
		expect(result.precision).toBe(0.6);
		expect(result.spikes).toEqual({ injected: 3, found: 1 });
	});
});

describe('evaluateFraud', () => {
	it('scores flags against the planted orders among those scored', () => {
		// W3 was not among the scored orders (filtered out): not counted.
		const result = evaluateFraud(['W1', 'W2', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6'], ['W1', 'H1'], truth);
		expect(result).toMatchObject({
			planted: 2,
			flagged: 2,
			truePositives: 1,
			recall: 0.5,
			precision: 0.5,
			flagRate: 0.25
		});
		expect(result.missed).toEqual(['W2 (card_testing)']);
		expect(result.byPattern).toEqual([
			{ pattern: 'card_testing', planted: 2, found: 1, recall: 0.5 },
			{ pattern: 'reseller', planted: 0, found: 0, recall: null }
		]);
	});
});

describe('truthCoversLake', () => {
	const manifest = (paths: string[]) =>
		({ ingested: paths.map((path) => ({ path })) }) as unknown as LakeManifest;
	it('holds when exactly the generated files were ingested', () => {
		expect(truthCoversLake(truth, manifest(['raw/pos_sales/a.csv', 'raw/web_orders/a.ndjson']))).toBe(true);
	});
	it('fails with an imported file beside them, or one of them missing, or no manifest', () => {
		expect(
			truthCoversLake(
				truth,
				manifest(['raw/pos_sales/a.csv', 'raw/web_orders/a.ndjson', 'raw/pos_sales/mine.csv'])
			)
		).toBe(false);
		expect(truthCoversLake(truth, manifest(['raw/pos_sales/a.csv']))).toBe(false);
		expect(truthCoversLake(truth, null)).toBe(false);
	});
});
