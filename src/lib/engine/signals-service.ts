import type { KpiFilters } from '$lib/analytics/filters';
import { answerQuestion, type Answer } from '$lib/ask/answer-question';
import { readDataVocabulary } from '$lib/ask/data-vocabulary';
import type { DataVocabulary } from '$lib/ask/vocabulary';
import { DEFAULT_CURRENCY, setCurrency } from '$lib/format/number';
import { listForecasts } from '$lib/forecast/forecast-store';
import { executiveSummary, type ExecutiveSummary } from '$lib/insights/executive-summary';
import { readLakeCurrency } from '$lib/lake/lake-currency';
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
	#cached: { runId: string; data: Promise<SignalsData> } | null = null;
	#vocabulary: { runId: string; words: Promise<DataVocabulary> } | null = null;

	constructor(
		private readonly analytics: AnalyticsService,
		private readonly lake: LakeService
	) {}

	/** The Anomalies or Fraud page's report under the filters, and the run it was computed on. */
	report<P extends SignalsPage>(
		page: P,
		filters: KpiFilters
	): Promise<{ runId: string; report: SignalsReports[P] }> {
		return this.analytics.onPublished(async (sql, runId, manifest) => {
			await this.#useLakeCurrency();
			const data = await this.#signals(sql, manifest);
			const report = page === 'anomalies' ? anomalyReport(data, filters) : fraudReport(data, filters);
			return { runId, report: report as SignalsReports[P] };
		});
	}

	anomalyLines(drill: AnomalyDrill, limit?: number): Promise<AnomalyLines> {
		return this.analytics.onPublished((sql) => anomalyLines(sql, drill, limit));
	}

	customerOrders(customerId: string): Promise<CustomerOrder[]> {
		return this.analytics.onPublished((sql) => customerOrders(sql, customerId));
	}

	/** The Overview's executive summary under the filters. */
	summary(filters: KpiFilters): Promise<{ runId: string; report: ExecutiveSummary | null }> {
		return this.analytics.onPublished(async (sql, runId, manifest) => {
			await this.#useLakeCurrency();
			const data = await this.#signals(sql, manifest);
			if (data.detected.dataEnd === null) return { runId, report: null };
			const forecasts = await listForecasts(this.lake.store);
			const saved = forecasts.find((f) => f.runId === runId) ?? forecasts[0];
			const forecast = saved ? { evaluation: saved, stale: saved.runId !== runId } : null;
			return { runId, report: await executiveSummary(sql, filters, data.detected.dataEnd, data, forecast) };
		});
	}

	/** Answers a question on the published Gold (anomaly and fraud questions from its detection). */
	ask(question: string): Promise<Answer> {
		return this.analytics.onPublished(async (sql, runId, manifest) => {
			await this.#useLakeCurrency();
			const vocabulary = await this.#vocabularyOf(sql, runId);
			return answerQuestion(sql, question, vocabulary, () => this.#signals(sql, manifest));
		});
	}

	/**
	 * The money in the text written here (anomaly reasons, the summary, answers) is in the lake's currency:
	 * this worker formats it, and the page's setting does not reach it.
	 */
	async #useLakeCurrency(): Promise<void> {
		setCurrency((await readLakeCurrency(this.lake.store)) ?? DEFAULT_CURRENCY);
	}

	/**
	 * The run's detection, computed on first use. Called inside an `onPublished` request, on its engine:
	 * asking for another request from here would wait behind this one for ever.
	 */
	#signals(sql: SqlEngine, manifest: LakeManifest): Promise<SignalsData> {
		const runId = manifest.run_id;
		if (this.#cached?.runId !== runId) {
			const data = computeSignals(sql, this.lake.store, manifest);
			this.#cached = { runId, data };
			data.catch(() => {
				if (this.#cached?.data === data) this.#cached = null;
			});
		}
		return this.#cached.data;
	}

	/** The data's cities, categories and festivals, for the question parser; once per run. */
	#vocabularyOf(sql: SqlEngine, runId: string): Promise<DataVocabulary> {
		if (this.#vocabulary?.runId !== runId) {
			const words = readDataVocabulary(sql);
			this.#vocabulary = { runId, words };
			words.catch(() => {
				if (this.#vocabulary?.words === words) this.#vocabulary = null;
			});
		}
		return this.#vocabulary.words;
	}
}
