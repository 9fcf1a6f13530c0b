/** The RFM segments of docs/kpis.md, in their order: the first whose score ranges all hold wins. */

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

/** Every segment's name in order, Others last. */
export const RFM_SEGMENT_NAMES: readonly string[] = [...RFM_SEGMENTS.map((s) => s.name), OTHER_SEGMENT];

/** The recommended action for each segment, one short sentence. */
export const RFM_ACTIONS: Readonly<Record<string, string>> = {
	Champions: 'Reward them; ask for reviews; give early access to new products.',
	'Loyal Customers': 'Upsell higher-value products; enrol them in the loyalty programme.',
	'Potential Loyalist': 'Offer a membership or loyalty perks; recommend related products.',
	'New Customers': 'Welcome them well: onboarding, first-purchase support, a reason to come back.',
	Promising: 'Build awareness: free delivery or a small offer on their second order.',
	'Need Attention': 'Send limited-time offers based on what they bought before.',
	'About To Sleep': 'Reconnect with popular products and a personal discount before they drift away.',
	'At Risk': 'Win them back with personalised emails, renewals and helpful reminders.',
	"Can't Lose Them": 'Reach out personally; win them back with your best offers before a competitor does.',
	Lost: 'Try one low-cost revival campaign; otherwise spend no more on them.',
	[OTHER_SEGMENT]: 'Watch them; no targeted action until they fit a segment.'
};

const within = (score: number, [low, high]: ScoreRange) => score >= low && score <= high;

/** The segment of quintile scores r, f, m (each 1–5). */
export function rfmSegment(r: number, f: number, m: number): string {
	const rule = RFM_SEGMENTS.find((s) => within(r, s.r) && within(f, s.f) && within(m, s.m));
	return rule?.name ?? OTHER_SEGMENT;
}
