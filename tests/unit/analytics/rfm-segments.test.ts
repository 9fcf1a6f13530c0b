import { describe, expect, it } from 'vitest';
import { RFM_ACTIONS, RFM_SEGMENT_NAMES, rfmSegment } from '../../../src/lib/analytics/rfm-segments';

describe('RFM segments, first match in docs/kpis.md order', () => {
	it.each([
		[5, 5, 5, 'Champions'],
		[4, 4, 4, 'Champions'],
		[3, 5, 5, 'Loyal Customers'],
		[5, 3, 3, 'Loyal Customers'],
		// New Customers and Promising lie inside Potential Loyalist, which comes first.
		[5, 1, 1, 'Potential Loyalist'],
		[3, 1, 1, 'Potential Loyalist'],
		[2, 2, 3, 'Need Attention'],
		[2, 1, 2, 'About To Sleep'],
		[2, 5, 2, 'At Risk'],
		// Can't Lose Them lies inside At Risk, which comes first.
		[1, 5, 5, 'At Risk'],
		[1, 1, 1, 'Lost'],
		[1, 2, 1, 'Lost'],
		[3, 5, 1, 'Others'],
		[1, 1, 5, 'Others']
	])('R%i F%i M%i → %s', (r, f, m, segment) => {
		expect(rfmSegment(r, f, m)).toBe(segment);
	});
});

describe('RFM segment actions', () => {
	it('every segment, Others included, has a recommended action', () => {
		expect(RFM_SEGMENT_NAMES).toHaveLength(11);
		for (const name of RFM_SEGMENT_NAMES) expect(RFM_ACTIONS[name]).toMatch(/^[A-Z].+\.$/);
		expect(RFM_ACTIONS.Champions).toMatch(/Reward them/);
	});
});
