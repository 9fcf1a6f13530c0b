/** The RFM segments of ANALYTICS.md §2, in their order: the first whose score ranges all hold wins. */

type ScoreRange = readonly [low: number, high: number];

interface SegmentRule {
	name: string;
	r: ScoreRange;
	f: ScoreRange;
	m: ScoreRange;
}

export const RFM_SEGMENTS: readonly SegmentRule[] = [
	{ name: 'Champions', r: [4, 5], f: [4, 5], m: [4, 5] },
	{ name: 'Loyal Customers', r: [2, 5], f: [3, 5], m: [3, 5] },
	{ name: 'Potential Loyalist', r: [3, 5], f: [1, 3], m: [1, 3] },
	{ name: 'New Customers', r: [4, 5], f: [1, 1], m: [1, 1] },
	{ name: 'Promising', r: [3, 4], f: [1, 1], m: [1, 1] },
	{ name: 'Need Attention', r: [2, 3], f: [2, 3], m: [2, 3] },
	{ name: 'About To Sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
	{ name: 'At Risk', r: [1, 2], f: [2, 5], m: [2, 5] },
	{ name: "Can't Lose Them", r: [1, 1], f: [4, 5], m: [4, 5] },
	{ name: 'Lost', r: [1, 2], f: [1, 2], m: [1, 2] }
];

export const OTHER_SEGMENT = 'Others';

const within = (score: number, [low, high]: ScoreRange) => score >= low && score <= high;

/** The segment of quintile scores r, f, m (each 1–5). */
export function rfmSegment(r: number, f: number, m: number): string {
	const rule = RFM_SEGMENTS.find((s) => within(r, s.r) && within(f, s.f) && within(m, s.m));
	return rule?.name ?? OTHER_SEGMENT;
}
