import type { RawTruth } from '../generate/truth';
import type { LakeStore } from '../lake/lake-store';
import { TRUTH_PATH } from '../generate/raw-datasets';
import { readLakeJson } from '../pipeline/run/lake-json';
import type { LakeManifest } from '../pipeline/types';
import type { SqlEngine } from '../sql/sql-engine';
import { ANOMALY_SETTINGS, detectAnomalies, type DetectedAnomalies } from './anomalies';
import type { OnDetectionStep, Pause } from './detection-progress';
import { scoreWebOrders, type ScoredOrder } from './fraud';
import {
	evaluateAnomalies,
	evaluateFraud,
	truthCoversLake,
	type AnomalyEvaluation,
	type FraudEvaluation
} from './truth-evaluation';

/**
 * Whether the lake's data comes with a truth to score the detectors against: `planted` (generated data,
 * every file of it and nothing else ingested), `partial` (a generated batch plus other files: the truth
 * does not know their events), `none` (imported data).
 */
export type TruthStatus = 'planted' | 'partial' | 'none';

export const TRUTH_NOTES: Record<TruthStatus, string> = {
	planted:
		'Generated data: scored against the events the generator planted (raw/_truth.json), with every figure the pages show.',
	partial:
		'The lake mixes generated and other files: the generator’s truth does not cover the other files’ events, so precision and recall are not shown.',
	none: 'Imported data has no planted truth: the anomalies and flags are shown, but precision and recall cannot be measured.'
};

/** Everything the anomaly and fraud pages read, computed once per published run (all of Gold, no filter). */
export interface SignalsData {
	runId: string;
	detected: DetectedAnomalies;
	orders: ScoredOrder[];
	truth: TruthStatus;
	anomalyEvaluation: AnomalyEvaluation | null;
	fraudEvaluation: FraudEvaluation | null;
	/** How long detection and scoring took. */
	elapsedMs: number;
}

/**
 * Detects the anomalies and scores the web orders of the published Gold. `step` hears each step start;
 * `pause` is called within the longer steps (the engine lets a dashboard's waiting request run there).
 */
export async function computeSignals(
	sql: SqlEngine,
	store: LakeStore,
	manifest: LakeManifest,
	step: OnDetectionStep = () => {},
	pause: Pause = () => {}
): Promise<SignalsData> {
	const started = Date.now();
	const detected = await detectAnomalies(sql, ANOMALY_SETTINGS, step, pause);
	await step('scoring web orders');
	const orders = await scoreWebOrders(sql, pause);
	await step('comparing with the planted events');
	const truthFile = await readLakeJson<RawTruth>(store, TRUTH_PATH).catch(() => null);
	const truth: TruthStatus =
		truthFile?.events === undefined ? 'none' : truthCoversLake(truthFile, manifest) ? 'planted' : 'partial';
	const scored = truth === 'planted' ? truthFile! : null;
	return {
		runId: manifest.run_id,
		detected,
		orders,
		truth,
		anomalyEvaluation: scored && evaluateAnomalies(detected.anomalies, scored),
		fraudEvaluation:
			scored &&
			evaluateFraud(
				orders.map((order) => order.orderId),
				orders.filter((order) => order.flagged).map((order) => order.orderId),
				scored
			),
		elapsedMs: Date.now() - started
	};
}
