import { encodeText, FragmentTable, type RawFileWriter } from './batch-writer';
import { byResidence, customerId, customerName, residenceIndex } from './customers';
import { csvLine } from './csv';
import { formatDate } from '../calendar/dates';
import type { RetailWorld } from './retail-world';
import { CITIES } from './stores';

/**
 * Monthly CRM extracts: one row per customer who has signed up by the extract, with the city they live
 * in that day. Churned customers stay in the CRM. A mover's extracts show exactly one change of city.
 */
export class CrmExtracts {
	/** Each customer's row up to `extracted_at`: `id,name,city,state,signup_date,`, home then after a move. */
	readonly #rows: FragmentTable;
	#next = 0;

	constructor(
		private readonly world: RetailWorld,
		private readonly file: RawFileWriter
	) {
		const { customers, names } = world;
		this.#rows = new FragmentTable(
			byResidence(customers, (i, moved) => {
				const { name, state } = CITIES[moved ? customers.newCity[i] : customers.homeCity[i]];
				const signup = formatDate(customers.signupDay[i]);
				return `${csvLine([customerId(i), customerName(customers, names, i), name, state, signup])},`;
			})
		);
	}

	/** Call at the close of every day; writes an extract, run at 23:00, on the month's last day. */
	endDay(dayNo: number, signedUp: number): void {
		const { extractDays, customers } = this.world;
		if (extractDays[this.#next] !== dayNo) return;
		this.#next++;
		const { file } = this;
		const extractedAt = encodeText(`${formatDate(dayNo)} 23:00:00`);
		for (let i = 0; i < signedUp; i++) {
			file.beginRow();
			this.#rows.writeTo(file, residenceIndex(customers, i, dayNo));
			file.put(extractedAt);
			file.endRow();
		}
	}
}
