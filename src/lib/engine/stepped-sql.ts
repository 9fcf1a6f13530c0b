import type { SqlEngine } from '../sql/sql-engine';

/**
 * `sql` for a long background request: its statements run one at a time, each after `step` (which lets the
 * page requests waiting run, and may throw to stop the request), so a page waits for one statement at most.
 */
export function steppedSql(sql: SqlEngine, step: () => Promise<void>): SqlEngine {
	let last: Promise<unknown> = Promise.resolve();
	const inTurn = <T>(statement: () => Promise<T>): Promise<T> => {
		const next = last.then(async () => {
			await step();
			return statement();
		});
		last = next.catch(() => {});
		return next;
	};
	return new Proxy(sql, {
		get(target, property) {
			if (property === 'query')
				return (text: string, options?: Parameters<SqlEngine['query']>[1]) =>
					inTurn(() => target.query(text, options));
			if (property === 'exec') return (text: string) => inTurn(() => target.exec(text));
			const value: unknown = Reflect.get(target, property);
			return typeof value === 'function' ? value.bind(target) : value;
		}
	});
}
