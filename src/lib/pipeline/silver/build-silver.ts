import type { SqlEngine } from '../../sql/sql-engine';
import type { SilverStats } from '../types';
import customerObservationsSql from './customer-observations.sql?raw';
import duplicatesSql from './duplicates.sql?raw';
import gateMacrosSql from './gate-macros.sql?raw';
import heldTableSql from './held-table.sql?raw';
import holdCustomersSql from './hold-customers.sql?raw';
import holdInventorySql from './hold-inventory.sql?raw';
import holdPosSalesSql from './hold-pos-sales.sql?raw';
import holdProductsSql from './hold-products.sql?raw';
import holdShipmentsSql from './hold-shipments.sql?raw';
import holdStoresSql from './hold-stores.sql?raw';
import holdWebOrdersSql from './hold-web-orders.sql?raw';
import inventorySnapshotsSql from './inventory-snapshots.sql?raw';
import productsDerivedSql from './products-derived.sql?raw';
import productsFromMasterSql from './products-from-master.sql?raw';
import quarantineSql from './quarantine.sql?raw';
import salesLinesSql from './sales-lines.sql?raw';
import shipmentsSql from './shipments.sql?raw';
import { readSilverStats } from './silver-stats';
import { createSourceViews, dropSourceViews, presentBronzeDatasets } from './source-views';
import storesDerivedSql from './stores-derived.sql?raw';
import storesFromMasterSql from './stores-from-master.sql?raw';

export interface SilverContext {
	/** The run's "now", `YYYY-MM-DD HH:MM:SS`: a later event time fails check 2. */
	referenceTime: string;
}

/** Each fills `silver_held` with one dataset's rows that a gate holds back. */
const HOLDS = [
	holdPosSalesSql,
	holdWebOrdersSql,
	holdInventorySql,
	holdShipmentsSql,
	holdCustomersSql,
	holdProductsSql,
	holdStoresSql
];

/** Silver tables cut from the sources minus the held rows (the masters and sales lines come first). */
const TABLES = [inventorySnapshotsSql, shipmentsSql, customerObservationsSql, quarantineSql, duplicatesSql];

/**
 * Bronze → Silver: (re)creates every `silver_*` table, `silver_quarantine` and `silver_duplicates` from the
 * `bronze_*` tables that exist. For each dataset the rows a gate holds back (docs/pipeline.md's gates, in
 * order) are found first, with their check; each silver table is then the bronze rows not held back.
 */
export async function buildSilver(sql: SqlEngine, ctx: SilverContext): Promise<SilverStats> {
	const present = await presentBronzeDatasets(sql);
	await sql.exec(`SET VARIABLE silver_reference_time = ${timestampLiteral(ctx.referenceTime)}`);
	await sql.exec(gateMacrosSql);
	await createSourceViews(sql, present);
	try {
		await sql.exec(heldTableSql);
		for (const statement of HOLDS) await sql.exec(statement);
		await sql.exec(present.has('stores') ? storesFromMasterSql : storesDerivedSql);
		await sql.exec(present.has('products') ? productsFromMasterSql : productsDerivedSql);
		await sql.exec(salesLinesSql);
		for (const statement of TABLES) await sql.exec(statement);
		return await readSilverStats(sql, present);
	} finally {
		await sql.exec(`DROP TABLE IF EXISTS silver_held`);
		await dropSourceViews(sql);
	}
}

function timestampLiteral(text: string): string {
	if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) {
		throw new Error(`The reference time must read YYYY-MM-DD HH:MM:SS (got ${JSON.stringify(text)}).`);
	}
	return `TIMESTAMP '${text}'`;
}
