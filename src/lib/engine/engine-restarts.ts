/**
 * A WebAssembly trap ("Out of bounds memory access", "unreachable") stops DuckDB-WASM in the middle of its
 * C++: no destructor ran, no lock was released, and the instance is in no state to answer again (DuckDB-WASM's
 * own reports: once one query traps, every later one fails). Under WebKit's JavaScriptCore such a trap
 * strikes now and then in the middle of a run that passes the next time (docs/platform.md). So the engine
 * worker keeps its services behind a `RestartingEngine`: a call that traps throws its engine away, and runs
 * again on a fresh one (a new DuckDB instance over the same lake).
 */

/** Whether `error`, or an error it was caused by, is a WebAssembly trap. */
export function isWasmTrap(error: unknown): boolean {
	return trapIn(error) !== null;
}

/** The WebAssembly trap among `error` and the errors it was caused by, if any. */
function trapIn(error: unknown): WebAssembly.RuntimeError | null {
	for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++)
		if (e instanceof WebAssembly.RuntimeError) return e;
	return null;
}

/** A call trapped on every engine it was given: what the page shows. */
export class EngineTrapError extends Error {
	constructor(attempts: number, cause: unknown) {
		// The trap's own words, without what JavaScriptCore adds after them ("(evaluating 'l(...u)')").
		const trap = trapIn(cause)?.message.replace(/\s*\(evaluating .*\)$/, '') ?? String(cause);
		super(
			`The SQL engine stopped on a fault in this browser's WebAssembly (${trap}) ${attempts} times in a row, ` +
				'on a fresh engine each time; the next request starts another.',
			{ cause }
		);
		this.name = 'EngineTrapError';
	}
}

/** How many fresh engines a call that traps is given, after the one it trapped on. */
export const RESTARTS_PER_CALL = 2;

export class RestartingEngine<E> {
	#current: Promise<E> | null = null;

	constructor(private readonly boot: () => Promise<E>) {}

	/** The engine now in use, booted by the first call. */
	current(): Promise<E> {
		return (this.#current ??= this.boot());
	}

	/**
	 * Runs `work` on the current engine; when it traps, that engine is dropped (unless a call beside it
	 * already replaced it) and `work` runs again on a fresh one, up to `RESTARTS_PER_CALL` times.
	 */
	async call<T>(work: (engine: E) => T | Promise<T>): Promise<T> {
		for (let attempt = 1; ; attempt++) {
			const engine = this.current();
			try {
				return await work(await engine);
			} catch (error) {
				if (!isWasmTrap(error)) throw error;
				if (this.#current === engine) this.#current = null;
				if (attempt > RESTARTS_PER_CALL) throw new EngineTrapError(attempt, error);
			}
		}
	}
}
