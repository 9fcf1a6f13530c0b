import { AliasTable } from './deterministic-math';
import type { Rng } from './rng';

/** When in the day orders happen: by hour weights, uniform within the hour, sorted so ids follow time. */
export class IntradayProfile {
	readonly #hours: AliasTable;
	#buffer = new Int32Array(1024);

	/** `hourWeights[i]` is the weight of hour `firstHour + i`. */
	constructor(
		private readonly firstHour: number,
		hourWeights: readonly number[]
	) {
		this.#hours = new AliasTable(hourWeights);
	}

	/** `count` seconds of the day, ascending. The array is reused by the next call. */
	draw(rng: Rng, count: number): Int32Array {
		if (this.#buffer.length < count) this.#buffer = new Int32Array(Math.max(count, this.#buffer.length * 2));
		const seconds = this.#buffer.subarray(0, count);
		for (let i = 0; i < count; i++) {
			seconds[i] = (this.firstHour + this.#hours.pick(rng)) * 3600 + rng.int(3600);
		}
		return seconds.sort();
	}
}

/** Stores open 10:00–22:00, busiest at lunch and in the evening. */
export function storeHours(): IntradayProfile {
	return new IntradayProfile(10, [0.5, 0.7, 1, 1.1, 0.9, 0.8, 0.9, 1.1, 1.4, 1.6, 1.5, 1]);
}

/** The web never closes; it peaks from 19:00 to 23:00. */
export function webHours(): IntradayProfile {
	return new IntradayProfile(
		0,
		[
			0.6, 0.35, 0.2, 0.12, 0.1, 0.15, 0.3, 0.55, 0.8, 1, 1.1, 1.15, 1.2, 1.15, 1.1, 1.05, 1.1, 1.2, 1.4, 1.7,
			2, 2.1, 1.8, 1.1
		]
	);
}
