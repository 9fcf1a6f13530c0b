/** Lift in four bands, each with a colour of the colour-blind-safe chart palette: the scatter's colours. */
export const LIFT_BANDS = [
	{ key: 'weak', label: 'lift < 2', below: 2, color: 'var(--color-chart-5)' },
	{ key: 'moderate', label: 'lift 2–5', below: 5, color: 'var(--color-chart-3)' },
	{ key: 'strong', label: 'lift 5–10', below: 10, color: 'var(--color-chart-2)' },
	{ key: 'very-strong', label: 'lift ≥ 10', below: Infinity, color: 'var(--color-chart-6)' }
] as const;

export function liftBand(lift: number): (typeof LIFT_BANDS)[number] {
	return LIFT_BANDS.find((band) => lift < band.below) ?? LIFT_BANDS[LIFT_BANDS.length - 1];
}
