/**
 * What a request is to the person waiting: `page` for the figures a page is waiting for (a dashboard's report,
 * a table, an answer asked for), `background` for what completes the page around them (the executive summary,
 * the flagged-spikes notice).
 */
export type RequestPriority = 'page' | 'background';

export interface RequestOptions {
	priority: RequestPriority;
	/**
	 * Whether the request may run while another one is paused (see `Turn.pause`): true only for requests
	 * that need nothing a paused request may be in the middle of computing. A background one runs only inside
	 * a background request's pause, once the pages have been quiet.
	 */
	interleaves?: boolean;
	/**
	 * What the request answers, when only the newest answer to it is wanted (the executive summary for the
	 * filters now shown): a newer request with the same `answers` makes this one moot. A moot request still
	 * waiting is dropped, its promise rejected with `Superseded`; one under way sees `turn.superseded` turn
	 * true and may stop at its next step.
	 */
	answers?: string;
}

/** Why a request ended unanswered: a newer one for the same answer replaced it (before it started, or mid-way). */
export class Superseded extends Error {
	constructor(answers: string) {
		super(`A newer request for ${answers} replaced this one.`);
		this.name = 'Superseded';
	}
}

/** A request's turn in the queue. */
export interface Turn {
	/**
	 * Lets the page requests waiting that may interleave run now, then resumes: a long request calls it
	 * between its steps so a page is not kept waiting for all of it. Inside another's pause, a background
	 * request's only lets the page requests waiting run (the request it runs in waits for quiet); a page
	 * request's is a no-op.
	 */
	pause(): Promise<void>;
	/** Whether this request runs inside another's pause (on the state that request is using). */
	readonly insidePause: boolean;
	/** Whether a newer request for the same `answers` has come since this one started. */
	readonly superseded: boolean;
}

interface Pending extends RequestOptions {
	start: (turn: Turn) => Promise<void>;
	drop: () => void;
}

const NESTED: Turn = { pause: async () => {}, insidePause: true, superseded: false };

export interface QueueOptions {
	/**
	 * How long the pages must have asked nothing before background work goes on: a background request
	 * waiting starts, and one under way resumes from a pause, only once no page request has ended for this
	 * long, so a person changing filters one after another is not kept waiting behind background statements.
	 */
	quietMs?: number;
}

/**
 * Runs requests one at a time, page requests before background ones waiting with them; a request under way
 * is interrupted only where it pauses. A background request that finds the queue idle waits one task first,
 * so the page request sent in the same burst (a filter change sends both) goes first, and waits for the
 * pages' quiet time (`quietMs`).
 */
export class RequestQueue {
	readonly #quietMs: number;
	/** When the last page request ended (performance.now()). */
	#lastPageEnd = -Infinity;
	#quietTimer: ReturnType<typeof setTimeout> | null = null;
	/** Ends a paused background request's wait for quiet early: a page request came. */
	#wake: (() => void) | null = null;
	#pending: Pending[] = [];
	#busy = false;
	#backgroundDue = false;
	/** The `answers` of the request under way (not one inside a pause), and whether a newer one came. */
	#running: { answers?: string; superseded: boolean } | null = null;
	readonly #nestedBackground: Turn = {
		pause: () => this.#pause(false),
		insidePause: true,
		superseded: false
	};

	constructor({ quietMs = 0 }: QueueOptions = {}) {
		this.#quietMs = quietMs;
	}

	run<T>(work: (turn: Turn) => Promise<T>, options: RequestOptions): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			// An async wrapper, so a request that throws before its first await still frees the queue.
			const start = async (turn: Turn) => {
				try {
					resolve(await work(turn));
				} catch (error) {
					reject(error);
				}
			};
			if (options.answers !== undefined) this.#supersede(options.answers);
			this.#pending.push({ ...options, start, drop: () => reject(new Superseded(options.answers!)) });
			if (options.priority === 'page') this.#wake?.();
			this.#next();
		});
	}

	#supersede(answers: string): void {
		const moot = this.#pending.filter((request) => request.answers === answers);
		this.#pending = this.#pending.filter((request) => request.answers !== answers);
		for (const request of moot) request.drop();
		if (this.#running?.answers === answers) this.#running.superseded = true;
	}

	#next(): void {
		if (this.#busy || this.#pending.length === 0) return;
		const page = this.#pending.findIndex((request) => request.priority === 'page');
		if (page === -1 && this.#quietLeft() > 0) {
			if (this.#quietTimer !== null) return;
			this.#quietTimer = setTimeout(() => {
				this.#quietTimer = null;
				this.#next();
			}, this.#quietLeft());
			return;
		}
		if (page === -1 && !this.#backgroundDue) {
			this.#backgroundDue = true;
			setTimeout(() => this.#next());
			return;
		}
		this.#backgroundDue = false;
		const [request] = this.#pending.splice(page === -1 ? 0 : page, 1);
		this.#busy = true;
		const running = { answers: request.answers, superseded: false };
		this.#running = running;
		const turn: Turn = {
			pause: () => this.#pause(request.priority === 'background'),
			insidePause: false,
			get superseded() {
				return running.superseded;
			}
		};
		void request.start(turn).finally(() => {
			if (request.priority === 'page') this.#lastPageEnd = performance.now();
			this.#busy = false;
			this.#running = null;
			this.#next();
		});
	}

	/**
	 * Lets waiting page requests run; a background request then also waits for the pages' quiet time, and lets
	 * the background requests that may interleave run.
	 */
	async #pause(waitsForQuiet: boolean): Promise<void> {
		// A request arrives as a message, which waits for the event loop: a long request whose steps are
		// synchronous (DuckDB-WASM's blocking build) would otherwise never let it in before it ends.
		await new Promise((resolve) => setTimeout(resolve));
		for (;;) {
			const i = this.#pending.findIndex((request) => request.priority === 'page' && request.interleaves);
			if (i !== -1) {
				const [request] = this.#pending.splice(i, 1);
				await request.start(NESTED);
				this.#lastPageEnd = performance.now();
				continue;
			}
			if (!waitsForQuiet) return;
			// A page request that cannot interleave waits for this one to end: hurry, not quiet.
			if (this.#pending.some((request) => request.priority === 'page')) return;
			if (this.#quietLeft() > 0) {
				await this.#quiet();
				continue;
			}
			const background = this.#pending.findIndex(
				(request) => request.priority === 'background' && request.interleaves
			);
			if (background === -1) return;
			const [request] = this.#pending.splice(background, 1);
			await request.start(this.#nestedBackground);
		}
	}

	#quietLeft(): number {
		return this.#lastPageEnd + this.#quietMs - performance.now();
	}

	/** Waits for the rest of the quiet time, or until a page request comes. */
	#quiet(): Promise<void> {
		return new Promise((resolve) => {
			const done = () => {
				clearTimeout(timer);
				this.#wake = null;
				resolve();
			};
			const timer = setTimeout(done, this.#quietLeft());
			this.#wake = done;
		});
	}
}
