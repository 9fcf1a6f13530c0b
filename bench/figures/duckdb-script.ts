import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cliGeneratedLake, median, round, type BenchContext, type Figure } from '../harness';
import { pipelineSeconds } from './pipeline';

const SCRIPT = 'bench/reference/pipeline.sql';

/**
 * `pipeline_vs_duckdb_script`: `pipeline_s` ÷ the same logical work as a plain DuckDB script on native DuckDB
 * with 2 threads (bench/reference/pipeline.sql), over raw files generated with the same defaults.
 */
export async function pipelineVsDuckdbScript(ctx: BenchContext): Promise<Figure> {
	const browser = await pipelineSeconds(ctx);
	const { times, factSalesRows } = await scriptRuns(ctx);
	const scriptS = median(times) / 1000;
	return {
		value: round(browser.value / scriptS, 2),
		unit: 'x',
		note:
			`browser ${browser.value} s, DuckDB script ${round(scriptS, 2)} s ` +
			`(runs ${times.map((ms) => round(ms / 1000, 2)).join(', ')} s; its fact_sales ${factSalesRows} rows)`
	};
}

async function scriptRuns(ctx: BenchContext): Promise<{ times: number[]; factSalesRows: number }> {
	const dir = mkdtempSync(join(tmpdir(), 'bench-duckdb-script-'));
	try {
		const generated = cliGeneratedLake(ctx);
		const times: number[] = [];
		let factSalesRows = 0;
		for (let i = 0; i < ctx.samples(ctx.salesLines > 1_000_000 ? 1 : 3); i++) {
			const lake = join(dir, `lake-${i}`);
			const out = join(lake, 'out');
			cpSync(join(generated, 'raw'), join(lake, 'raw'), { recursive: true });
			const statements = readFileSync(SCRIPT, 'utf8')
				.replaceAll('{{lake}}', lake)
				.replaceAll('{{out}}', out)
				.split(/;\s*$/m)
				.filter((statement) => statement.replace(/--.*$/gm, '').trim());
			const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
			const conn = await instance.connect();
			try {
				const started = performance.now();
				for (const statement of statements) await conn.run(statement);
				times.push(performance.now() - started);
				const rows = await conn.runAndReadAll('SELECT count(*) FROM gold_fact_sales');
				factSalesRows = Number(rows.getRows()[0][0]);
			} finally {
				conn.closeSync();
				instance.closeSync();
			}
			rmSync(lake, { recursive: true, force: true });
		}
		return { times, factSalesRows };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
