import type { QueryResult } from './sql-engine';

/** Answers with more rows than this are not kept: the dashboards' KPI answers are far smaller. */
const MOST_ROWS_KEPT = 5_000;

/**
 * The answers to queries asked on the loaded data, by their exact text, kept while that data stays the same:
 * a report that asks again what a filter it ignores did not change (Logistics' shipments under a category,
 * Inventory's stock under a channel) gets the answer at once. Only for queries whose answer depends on
 * nothing but the data they read (no clock, no randomness). A new `generation` of the data forgets them all;
 * past `limit` answers, the least recently used goes; a failed query is asked again next time.
 */
export class KeptAnswers {
	#generation: number | null = null;
	/** By query text, least recently used first. */
	#answers = new Map<string, Promise<QueryResult>>();

	constructor(private readonly limit = 256) {}

	/**
	 * `text`'s answer over the data of `generation`: the one kept, else `ask()`'s (then kept). Each caller gets
	 * rows of its own, so one that sorts or changes them leaves the kept answer as it was.
	 */
	answer(text: string, generation: number, ask: () => Promise<QueryResult>): Promise<QueryResult> {
		return this.#kept(text, generation, ask).then((result) => ({
			...result,
			rows: result.rows.map((row) => ({ ...row }))
		}));
	}

	#kept(text: string, generation: number, ask: () => Promise<QueryResult>): Promise<QueryResult> {
		if (generation !== this.#generation) {
			this.#generation = generation;
			this.#answers.clear();
		}
		const kept = this.#answers.get(text);
		if (kept) {
			this.#answers.delete(text);
			this.#answers.set(text, kept);
			return kept;
		}
		const answer = ask();
		this.#answers.set(text, answer);
		const forget = () => {
			if (this.#answers.get(text) === answer) this.#answers.delete(text);
		};
		answer.then((result) => (result.rows.length > MOST_ROWS_KEPT ? forget() : undefined), forget);
		for (const oldest of this.#answers.keys()) {
			if (this.#answers.size <= this.limit) break;
			this.#answers.delete(oldest);
		}
		return answer;
	}
}
