import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';

/**
 * What every SqlEngine adapter must do, with values worked out by hand: the pipeline and the pages
 * rely on both DuckDB builds answering alike.
 */
export function sqlEngineContract(name: string, engine: () => SqlEngine): void {
	describe(`${name}: SqlEngine contract`, () => {
		it('returns rows with SQL type names and exact values', async () => {
			const result = await engine().query(`
				SELECT 42::INTEGER AS i, 9007199254740993::BIGINT AS big, 2.5::DOUBLE AS d, 'ā"b' AS s,
				       NULL::VARCHAR AS n, DATE '2024-11-01' AS day,
				       TIMESTAMP '2024-11-01 18:30:05' AS ts, 1234.56::DECIMAL(12,2) AS amount, true AS flag,
				       sum(7::BIGINT) AS total, 'ab'::BLOB AS bytes`);
			expect(result.columns).toEqual([
				{ name: 'i', type: 'INTEGER' },
				{ name: 'big', type: 'BIGINT' },
				{ name: 'd', type: 'DOUBLE' },
				{ name: 's', type: 'VARCHAR' },
				{ name: 'n', type: 'VARCHAR' },
				{ name: 'day', type: 'DATE' },
				{ name: 'ts', type: 'TIMESTAMP' },
				{ name: 'amount', type: 'DECIMAL(12,2)' },
				{ name: 'flag', type: 'BOOLEAN' },
				{ name: 'total', type: 'DECIMAL(38,0)' },
				{ name: 'bytes', type: 'BLOB' }
			]);
			expect(result.rows).toEqual([
				{
					i: 42,
					big: 9007199254740993n,
					d: 2.5,
					s: 'ā"b',
					n: null,
					day: new Date('2024-11-01T00:00:00Z'),
					ts: new Date('2024-11-01T18:30:05Z'),
					amount: 1234.56,
					flag: true,
					total: 7,
					bytes: new Uint8Array([97, 98])
				}
			]);
		});

		it('negative decimals keep their sign and safe BIGINTs become numbers', async () => {
			const { rows } = await engine().query(
				`SELECT (-0.05)::DECIMAL(18,2) AS a, (-123456789.12)::DECIMAL(38,2) AS b, (-5)::BIGINT AS c`
			);
			expect(rows).toEqual([{ a: -0.05, b: -123456789.12, c: -5 }]);
		});

		it('round-trips a table through an Arrow IPC stream', async () => {
			const ipc = await engine().queryArrowIPC(
				`SELECT range::INTEGER AS id, range * 1.5 AS x, TIMESTAMP '2024-01-01 10:00:00.123456' AS ts,
				        12.34::DECIMAL(12,2) AS price
				 FROM range(5000) UNION ALL SELECT NULL, NULL, NULL, NULL;`
			);
			expect(tableFromIPC(ipc).numRows).toBe(5001);
			await engine().loadArrowIPC('copy', ipc);
			const { rows, columns } = await engine().query(
				`SELECT count(*)::INTEGER AS n, count(id)::INTEGER AS ids, sum(id)::BIGINT AS s, sum(x) AS sx,
				        max(ts)::VARCHAR AS ts, sum(price) AS price, any_value(typeof(price)) AS price_type
				 FROM copy`
			);
			// Σ 0..4999 = 4999·5000/2 = 12,497,500; Σ 1.5·i = 18,746,250; 12.34 · 5000 = 61,700
			expect(rows).toEqual([
				{
					n: 5001,
					ids: 5000,
					s: 12_497_500,
					sx: 18_746_250,
					ts: '2024-01-01 10:00:00.123456',
					price: 61_700,
					price_type: 'DECIMAL(12,2)'
				}
			]);
			expect(columns[0]).toEqual({ name: 'n', type: 'INTEGER' });
		});

		it('exports an empty result and replaces a table loaded twice under one name', async () => {
			await engine().loadArrowIPC(
				'empty',
				await engine().queryArrowIPC(`SELECT 1::INTEGER AS a WHERE false`)
			);
			expect((await engine().query(`SELECT count(*)::INTEGER AS n FROM empty`)).rows).toEqual([{ n: 0 }]);
			await engine().loadArrowIPC('t', await engine().queryArrowIPC(`SELECT 1 AS a`));
			await engine().loadArrowIPC('t', await engine().queryArrowIPC(`SELECT 2 AS a UNION ALL SELECT 3`));
			expect((await engine().query(`SELECT sum(a)::INTEGER AS s FROM t`)).rows).toEqual([{ s: 5 }]);
		});

		it('caps the rows it converts but reports how many the query returned', async () => {
			const result = await engine().query(`SELECT range::INTEGER AS n FROM range(5000)`, { maxRows: 3 });
			expect(result.rows).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
			expect(result.rowCount).toBe(5000);
		});

		it('reads text cells, ASCII or not, null or not, across every batch of a long result, capped or not', async () => {
			const sql = `SELECT range::INTEGER AS n,
			                    CASE WHEN range % 7 = 0 THEN NULL ELSE 'id-' || range END AS ascii,
			                    CASE WHEN range % 5 = 0 THEN 'ā-' || range ELSE 'b' || range END AS mixed
			             FROM range(5000) ORDER BY range`;
			const expected = Array.from({ length: 5000 }, (_, n) => ({
				n,
				ascii: n % 7 === 0 ? null : `id-${n}`,
				mixed: n % 5 === 0 ? `ā-${n}` : `b${n}`
			}));
			expect((await engine().query(sql)).rows).toEqual(expected);
			const capped = await engine().query(sql, { maxRows: 2500 });
			expect(capped.rows).toEqual(expected.slice(0, 2500));
			expect(capped.rowCount).toBe(5000);
		});

		it('reads a registered CSV file with read_csv, and forgets it when dropped', async () => {
			const csv = 'id,name,price\r\n1,"Pasta, 500g",89.50\r\n2,"Olive ""Extra"" Oil",499\r\n';
			await engine().registerFile('raw/sample.csv', new TextEncoder().encode(csv));
			const { rows } = await engine().query(
				`SELECT id, name, price FROM read_csv('raw/sample.csv', header = true, all_varchar = true) ORDER BY id`
			);
			expect(rows).toEqual([
				{ id: '1', name: 'Pasta, 500g', price: '89.50' },
				{ id: '2', name: 'Olive "Extra" Oil', price: '499' }
			]);
			await engine().dropFile('raw/sample.csv');
			await expect(engine().query(`SELECT * FROM read_csv('raw/sample.csv')`)).rejects.toThrow();
		});
	});
}
