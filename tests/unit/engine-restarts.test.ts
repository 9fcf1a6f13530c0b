import { describe, expect, it } from 'vitest';
import {
	EngineTrapError,
	isWasmTrap,
	RESTARTS_PER_CALL,
	RestartingEngine
} from '../../src/lib/engine/engine-restarts';
import { trap } from './helpers/wasm-trap';

/** An engine that traps on every call, as a trapped DuckDB-WASM instance does; numbered by boot. */
function engines(trapsOnBoot: (boot: number) => boolean) {
	let boots = 0;
	const restarting = new RestartingEngine(async () => {
		const boot = ++boots;
		return {
			boot,
			answer: async () => {
				if (trapsOnBoot(boot)) trap();
				return boot;
			}
		};
	});
	return { restarting, boots: () => boots };
}

describe('RestartingEngine', () => {
	it('knows a trap inside the errors that wrap it, and nothing else', () => {
		let caught: unknown;
		try {
			trap();
		} catch (error) {
			caught = error;
		}
		expect(isWasmTrap(caught)).toBe(true);
		expect(isWasmTrap(new Error('run failed at silver', { cause: new Error('x', { cause: caught }) }))).toBe(
			true
		);
		expect(isWasmTrap(new Error('Out of Memory Error: could not allocate'))).toBe(false);
		expect(isWasmTrap('unreachable')).toBe(false);
	});

	it('a call that traps runs again on a fresh engine, which later calls keep', async () => {
		const { restarting, boots } = engines((boot) => boot === 1);
		expect(await restarting.call((e) => e.answer())).toBe(2);
		expect(await restarting.call((e) => e.answer())).toBe(2);
		expect(boots()).toBe(2);
	});

	it('errors that are not traps pass through, on the same engine', async () => {
		const { restarting, boots } = engines(() => false);
		await expect(
			restarting.call(() => Promise.reject(new Error('Binder Error: column x not found')))
		).rejects.toThrow('Binder Error');
		expect(await restarting.call((e) => e.answer())).toBe(1);
		expect(boots()).toBe(1);
	});

	it(`a call that traps on ${1 + RESTARTS_PER_CALL} engines in a row fails plainly; the next call boots another`, async () => {
		const { restarting, boots } = engines((boot) => boot <= 1 + RESTARTS_PER_CALL);
		const failure = await restarting.call((e) => e.answer()).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(EngineTrapError);
		expect((failure as Error).message).toBe(
			"The SQL engine stopped on a fault in this browser's WebAssembly (unreachable) 3 times in a row, on a fresh engine each time; the next request starts another."
		);
		expect(boots()).toBe(3);
		expect(await restarting.call((e) => e.answer())).toBe(4);
	});

	it('two calls that trap on the same engine replace it once, and both run again on the new one', async () => {
		const { restarting, boots } = engines((boot) => boot === 1);
		const answers = await Promise.all([
			restarting.call((e) => e.answer()),
			restarting.call((e) => e.answer())
		]);
		expect(answers).toEqual([2, 2]);
		expect(boots()).toBe(2);
	});
});
