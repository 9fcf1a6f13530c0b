import { AliasTable } from './deterministic-math';
import type { Rng } from './rng';

/** How customers pay, per channel (weights sum to 1). */
class PaymentMix {
	readonly #draws: AliasTable;

	constructor(
		readonly methods: readonly string[],
		weights: readonly number[]
	) {
		this.#draws = new AliasTable(weights);
	}

	/** Index into `methods`. */
	drawIndex(rng: Rng): number {
		return this.#draws.pick(rng);
	}
}

export const STORE_PAYMENTS = new PaymentMix(
	['Cash', 'UPI', 'Debit Card', 'Credit Card'],
	[0.3, 0.38, 0.17, 0.15]
);
export const WEB_PAYMENTS = new PaymentMix(
	['UPI', 'Credit Card', 'Debit Card', 'COD', 'Net Banking'],
	[0.4, 0.25, 0.2, 0.1, 0.05]
);
