import type { KpiFilters } from '$lib/analytics/filters';
import { answerQuestion, type Answer } from '$lib/ask/answer-question';
import { readDataVocabulary } from '$lib/ask/data-vocabulary';
import type { DataVocabulary } from '$lib/ask/vocabulary';
import { listForecasts } from '$lib/forecast/forecast-store';
import { executiveSummary, type ExecutiveSummary } from '$lib/insights/executive-summary';
import type { LakeManifest } from '$lib/pipeline/types';
import type { AnomalyDrill } from '$lib/signals/anomalies';
import { anomalyLines, type AnomalyLines } from '$lib/signals/anomaly-lines';
import { customerOrders, type CustomerOrder } from '$lib/signals/fraud';
import { computeSignals, type SignalsData } from '$lib/signals/signals-data';
import {
	anomalyReport,
	fraudReport,
	type SignalsPage,
	type SignalsReports
} from '$lib/signals/signals-reports';
import type { SqlEngine } from '$lib/sql/sql-engine';
import type { AnalyticsService } from './analytics-service';
import type { LakeService } from './lake-service';

/**
 * Anomalies, fraud signals, the executive summary and "Ask the data" on the published Gold. Detection and
 * scoring run once per published run (all of Gold, no filter) and are kept; the pages' filters only choose
 * what is listed, so changing them costs nothing.
 */
export class SignalsService {
	#signals: { runId: string; data: Promise<SignalsData> } | null = null;
	#vocabulary: { runId: string; words: Promise<DataVocabulary> } | null = null;

	constructor(
		private readonly analytics: AnalyticsService,
		private readonly lake: LakeService,
		private readonly manifest: () => Promise<LakeManifest | null>
	) {}

	/** The Anomalies or Fraud page's report under the filters, and the run it was computed on. */
	async report<P extends SignalsPage>(
		page: P,
		filters: KpiFilters
	): Promise<{ runId: string; report: SignalsReports[P] }> {
		const { runId, data } = await this.#data();
		const report = page === 'anomalies' ? anomalyReport(data, filters) : fraudReport(data, filters);
		return { runId, report: report as SignalsReports[P] };
	}

	async anomalyLines(drill: AnomalyDrill, limit?: number): Promise<AnomalyLines> {
		const { sql } = await this.analytics.published();
		return anomalyLines(sql, drill, limit);
	}

	async customerOrders(customerId: string): Promise<CustomerOrder[]> {
		const { sql } = await this.analytics.published();
		return customerOrders(sql, customerId);
	}

	/** The Overview's executive summary under the filters. */
	async summary(filters: KpiFilters): Promise<{ runId: string; report: ExecutiveSummary | null }> {
		const { sql, runId, data } = await this.#data();
		if (data.detected.dataEnd === null) return { runId, report: null };
		const forecasts = await listForecasts(this.lake.store);
		const saved = forecasts.find((f) => f.runId === runId) ?? forecasts[0];
		const forecast = saved ? { evaluation: saved, stale: saved.runId !== runId } : null;
		return { runId, report: await executiveSummary(sql, filters, data.detected.dataEnd, data, forecast) };
	}

	/** What the question box understands beyond its fixed words: the data's cities, categories, festivals. */
	async vocabulary(): Promise<DataVocabulary> {
		const { sql, runId } = await this.analytics.published();
		if (this.#vocabulary?.runId !== runId) {
			const words = readDataVocabulary(sql);
			this.#vocabulary = { runId, words };
			words.catch(() => {
				if (this.#vocabulary?.words === words) this.#vocabulary = null;
			});
		}
		return this.#vocabulary.words;
	}

	async ask(question: string): Promise<Answer> {
		const { sql } = await this.analytics.published();
		const vocabulary = await this.vocabulary();
		return answerQuestion(sql, question, vocabulary, async () => (await this.#data()).data);
	}

	/** The published run's detection, computed on first use. */
	async #data(): Promise<{ sql: SqlEngine; runId: string; data: SignalsData }> {
		const { sql, runId } = await this.analytics.published();
		if (this.#signals?.runId !== runId) {
			const data = this.manifest().then((manifest) => computeSignals(sql, this.lake.store, runId, manifest));
			this.#signals = { runId, data };
			data.catch(() => {
				if (this.#signals?.data === data) this.#signals = null;
			});
		}
		return { sql, runId, data: await this.#signals.data };
	}
}
