import { isCongested } from '../calendar/retail-calendar';
import { csvField } from './csv';
import { SECONDS_PER_DAY } from '../calendar/dates';
import type { DefectInjector, DefectKind } from './defects';
import { AliasTable } from './deterministic-math';
import { encodeText, type RawFileWriter } from './batch-writer';
import type { RetailWorld } from './retail-world';
import { Rng } from './rng';
import type { Store } from './stores';

export type ShipmentStatus = 'delivered' | 'in_transit' | 'delayed' | 'returned';

interface Carrier {
	name: string;
	share: number;
	/** Fastest transit, and the extra days the slowest parcels take. */
	baseDays: number;
	spreadDays: number;
	/** Days from shipping to the promised delivery date (one more between cities). */
	promiseDays: number;
}

const CARRIERS: readonly Carrier[] = [
	{ name: 'Delhivery', share: 0.28, baseDays: 2, spreadDays: 3, promiseDays: 4 },
	{ name: 'BlueDart', share: 0.18, baseDays: 1, spreadDays: 2, promiseDays: 3 },
	{ name: 'DTDC', share: 0.16, baseDays: 2, spreadDays: 4, promiseDays: 5 },
	{ name: 'Ecom Express', share: 0.12, baseDays: 2, spreadDays: 3, promiseDays: 5 },
	{ name: 'Shadowfax', share: 0.1, baseDays: 1, spreadDays: 2, promiseDays: 3 },
	{ name: 'XpressBees', share: 0.1, baseDays: 2, spreadDays: 3, promiseDays: 4 },
	{ name: 'India Post', share: 0.06, baseDays: 3, spreadDays: 6, promiseDays: 7 }
];

const RETURN_SHARE = 0.03;
const STUCK_SHARE = 0.03;

/**
 * One shipment per web order: shipped 2–30 hours after the order from the store that fulfils it, with
 * carrier-specific transit times, slower between cities and around congesting festivals. Status
 * follows from the dates as of the end of the range: delivered (or returned) with a delivery date, else
 * in transit, or delayed once the promised date has passed; the last two have no delivery date.
 */
export class Shipments {
	readonly #rng: Rng;
	readonly #carriers = new AliasTable(CARRIERS.map((carrier) => carrier.share));
	#count = 0;

	constructor(
		private readonly world: RetailWorld,
		private readonly file: RawFileWriter,
		private readonly defects: DefectInjector
	) {
		this.#rng = Rng.stream(world.config.seed, 'shipments');
	}

	/** `clean`: a planted fraud order's shipment carries no defect, so the truth about it stays exact. */
	add(order: number, orderSecond: number, origin: Store, destinationCity: number, clean = false): void {
		const rng = this.#rng;
		const { referenceSecond } = this.world;
		const carrier = this.#carriers.pick(rng);
		const { baseDays, spreadDays, promiseDays } = CARRIERS[carrier];
		const betweenCities = origin.city.index !== destinationCity;
		const shipSecond = Math.min(referenceSecond, orderSecond + rng.intBetween(2 * 3600, 30 * 3600));
		const shipDay = Math.floor(shipSecond / SECONDS_PER_DAY);
		const u = rng.float();
		let transitDays = baseDays + Math.floor(spreadDays * u * u);
		if (betweenCities) transitDays += 1 + rng.int(2);
		if (isCongested(shipDay)) transitDays += rng.intBetween(1, 3);
		if (rng.chance(STUCK_SHARE)) transitDays += rng.intBetween(3, 8);
		const deliverySecond =
			(shipDay + transitDays) * SECONDS_PER_DAY + rng.intBetween(9 * 3600, 21 * 3600 - 1);
		const promisedDay = shipDay + promiseDays + (betweenCities ? 1 : 0);
		let status: ShipmentStatus;
		if (deliverySecond > referenceSecond) {
			status = Math.floor(referenceSecond / SECONDS_PER_DAY) > promisedDay ? 'delayed' : 'in_transit';
		} else {
			status = rng.chance(RETURN_SHARE) ? 'returned' : 'delivered';
		}
		const defect = clean ? null : this.defects.next();
		// An orphan is an extra shipment for an order that does not exist; the real order keeps its own.
		const orphan = defect === 'orphan_order_id';
		const shown = orphan ? null : defect;
		this.#row(
			shown,
			order,
			origin,
			destinationCity,
			shipSecond,
			deliverySecond,
			status,
			carrier,
			promisedDay
		);
		if (orphan) {
			const orphanOrder = this.defects.orphanOrderNumber();
			this.#row(
				defect,
				orphanOrder,
				origin,
				destinationCity,
				shipSecond,
				deliverySecond,
				status,
				carrier,
				promisedDay
			);
		}
	}

	/** Appends the day's re-sent copies. */
	endDay(): void {
		this.file.writeResent();
	}

	#row(
		defect: DefectKind | null,
		order: number,
		origin: Store,
		destinationCity: number,
		shipSecond: number,
		deliverySecond: number,
		status: ShipmentStatus,
		carrier: number,
		promisedDay: number
	): void {
		const { file, defects } = this;
		const { fragments } = this.world;
		file.beginRow();
		file.put(SHIPMENT_PREFIX);
		file.padded(++this.#count, 8);
		file.put(ORDER_PREFIX);
		file.padded(order, 8);
		file.char(COMMA);
		fragments.storeId.writeTo(file, origin.index);
		file.char(COMMA);
		fragments.cityCsv.writeTo(file, destinationCity);
		file.char(COMMA);
		if (defect === 'future_date') file.text(defects.futureTimestamp(shipSecond));
		else if (defect === 'malformed_date') file.text(csvField(defects.malformedTimestamp(shipSecond)));
		else fragments.dates.writeTimestamp(file, shipSecond);
		file.char(COMMA);
		if (status === 'delivered' || status === 'returned') fragments.dates.writeTimestamp(file, deliverySecond);
		file.put(STATUS_TEXT[status]);
		file.put(CARRIER_TEXT[carrier]);
		fragments.dates.write(file, promisedDay);
		file.endRow();
		if (defect === 'duplicate_row') file.resendLater();
	}
}

const COMMA = 44;
const SHIPMENT_PREFIX = encodeText('SHP-');
const ORDER_PREFIX = encodeText(',WEB-');
/** Each with the commas around it. */
const STATUS_TEXT: Record<ShipmentStatus, Uint8Array> = {
	delivered: encodeText(',delivered,'),
	in_transit: encodeText(',in_transit,'),
	delayed: encodeText(',delayed,'),
	returned: encodeText(',returned,')
};
const CARRIER_TEXT = CARRIERS.map((carrier) => encodeText(`${csvField(carrier.name)},`));
