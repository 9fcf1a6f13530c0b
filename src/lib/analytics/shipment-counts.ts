import { quantileContOf } from './quantile';
import { compareText } from './values';

/**
 * The Logistics page's shipment figures from shipments counted by carrier, destination, status and days
 * (shipment-days.sql): a few hundred to a few thousand rows, where DuckDB-WASM took 40–70 ms a city change to
 * read the shipments three times (docs/kpis.md, Operations; quantiles as DuckDB's quantile_cont).
 */

/** Shipments alike in everything the figures read. */
export interface ShipmentCount {
	carrier: string | null;
	destinationCity: string | null;
	status: string | null;
	/** Of a delivered shipment, else null. */
	deliveryDays: number | null;
	/** Delivery days − promised days of a delivered shipment with both, else null. */
	daysLate: number | null;
	shipments: number;
}

export interface StatusCount {
	/** As Gold holds it: delivered, in_transit, delayed, returned… */
	status: string;
	shipments: number;
	/** Its part of the shipments, 0–1. */
	share: number;
}

/** Shipments per status ('(none)' for a missing one), most first, then by status. */
export function statusCounts(counts: ShipmentCount[]): StatusCount[] {
	const byStatus = sumBy(counts, (row) => row.status ?? '(none)');
	const total = counts.reduce((sum, row) => sum + row.shipments, 0);
	return [...byStatus]
		.map(([status, rows]) => ({ status, shipments: shipmentsOf(rows), share: 0 }))
		.sort((a, b) => b.shipments - a.shipments || compareText(a.status, b.status))
		.map((row) => ({ ...row, share: row.shipments / total }));
}

/** Delivery figures of a set of shipments, unrounded; delivery measures over delivered shipments only. */
export interface DeliveryFigures {
	shipments: number;
	delivered: number;
	avgDays: number | null;
	medianDays: number | null;
	p90Days: number | null;
	/** Delivered on or before the promised date, and the delivered ones with a promised date. */
	onTime: number;
	judged: number;
}

export function deliveryFigures(counts: ShipmentCount[]): DeliveryFigures {
	const days = new Map<number, number>();
	let [delivered, onTime, judged, daySum, dayCount] = [0, 0, 0, 0, 0];
	for (const row of counts) {
		if (row.status === 'delivered') delivered += row.shipments;
		if (row.daysLate !== null) {
			judged += row.shipments;
			if (row.daysLate <= 0) onTime += row.shipments;
		}
		if (row.deliveryDays !== null) {
			days.set(row.deliveryDays, (days.get(row.deliveryDays) ?? 0) + row.shipments);
			daySum += row.deliveryDays * row.shipments;
			dayCount += row.shipments;
		}
	}
	const sorted = [...days].sort(([a], [b]) => a - b);
	return {
		shipments: shipmentsOf(counts),
		delivered,
		avgDays: dayCount === 0 ? null : daySum / dayCount,
		medianDays: dayCount === 0 ? null : quantileContOf(dayCount, valueAt(sorted), 0.5),
		p90Days: dayCount === 0 ? null : quantileContOf(dayCount, valueAt(sorted), 0.9),
		onTime,
		judged
	};
}

/**
 * The figures of every shipment, then by carrier, then by destination city ('(none)' for a missing one), each
 * group most shipments first, then by name.
 */
export function deliveryGroups(counts: ShipmentCount[]): {
	totals: DeliveryFigures;
	byCarrier: [string, DeliveryFigures][];
	byDestination: [string, DeliveryFigures][];
} {
	const grouped = (key: (row: ShipmentCount) => string) =>
		[...sumBy(counts, key)]
			.map(([name, rows]): [string, DeliveryFigures] => [name, deliveryFigures(rows)])
			.sort(([a, x], [b, y]) => y.shipments - x.shipments || compareText(a, b));
	return {
		totals: deliveryFigures(counts),
		byCarrier: grouped((row) => row.carrier ?? '(none)'),
		byDestination: grouped((row) => row.destinationCity ?? '(none)')
	};
}

/** A bucket of days late, bounds inclusive, null where it has none. */
export interface LateBucket {
	label: string;
	minDaysLate: number | null;
	maxDaysLate: number | null;
}

/** The delivered shipments with a promised date in each bucket, and their part of them (null without any). */
export function lateCounts(
	counts: ShipmentCount[],
	buckets: readonly LateBucket[]
): { shipments: number; share: number | null }[] {
	const judged = counts.filter((row) => row.daysLate !== null);
	const total = shipmentsOf(judged);
	return buckets.map(({ minDaysLate: low, maxDaysLate: high }) => {
		const shipments = shipmentsOf(
			judged.filter(
				(row) => (low === null || row.daysLate! >= low) && (high === null || row.daysLate! <= high)
			)
		);
		return { shipments, share: total === 0 ? null : shipments / total };
	});
}

/** The value at an index of ascending values each repeated by its count. */
function valueAt(sorted: [value: number, count: number][]): (index: number) => number {
	return (index) => {
		let k = 0;
		for (let end = sorted[0][1]; end <= index; end += sorted[k][1]) k++;
		return sorted[k][0];
	};
}

function sumBy(counts: ShipmentCount[], key: (row: ShipmentCount) => string): Map<string, ShipmentCount[]> {
	const groups = new Map<string, ShipmentCount[]>();
	for (const row of counts) {
		const name = key(row);
		const group = groups.get(name);
		if (group) group.push(row);
		else groups.set(name, [row]);
	}
	return groups;
}

function shipmentsOf(rows: ShipmentCount[]): number {
	return rows.reduce((sum, row) => sum + row.shipments, 0);
}
