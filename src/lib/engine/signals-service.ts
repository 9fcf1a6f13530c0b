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
import {
	DetectionCancelled,
	detectionSteps,
	type DetectionProgress,
	type DetectionStep
} from '$lib/signals/detection-progress';
import { computeSignals, type SignalsData } from '$lib/signals/signals-data';
import { readSavedSignals, saveSignals } from '$lib/signals/signals-store';
import {
	anomalyReport,
	fraudReport,
	type SignalsPage,
	type SignalsReports
} from '$lib/signals/signals-reports';
import type { SqlEngine } from '$lib/sql/sql-engine';
import type { AnalyticsService } from './analytics-service';
import { Superseded, type Turn } from './request-queue';
import { steppedSql } from './stepped-sql';
import type { LakeService } from './lake-service';

type ProgressListener = (progress: DetectionProgress) => unknown;

/** The request the executive summary answers: only the newest filters' summary is wanted. */
const SUMMARY = 'the executive summary';

/** One published run's detection: under way or done, with who follows its progress. */
interface Detection {
	runId: string;
	data: Promise<SignalsData>;
	done: boolean;
	progress: DetectionProgress | null;
	listeners: Set<ProgressListener>;
	controller: AbortController;
}

/**
 * Anomalies, fraud signals, the executive summary and "Ask the data" on the published Gold. Detection and
 * scoring run once per published run (all of Gold, no filter) and are kept; the pages' filters only choose
 * what is listed, so changing them costs nothing. A detection reports its steps and can be cancelled.
 */
export class SignalsService {
	#detection: Detection | null = null;
	/** How many times detection was cancelled: a request made before the last cancel fails instead of waiting. */
	#cancels = 0;
	#vocabulary: { runId: string; words: Promise<DataVocabulary> } | null = null;

	constructor(
		private readonly analytics: AnalyticsService,
		private readonly lake: LakeService
	) {}

	/** The Anomalies or Fraud page's report under the filters, and the run it was computed on. */
	report<P extends SignalsPage>(
		page: P,
		filters: KpiFilters,
		onProgress?: ProgressListener
	): Promise<{ runId: string; report: SignalsReports[P] }> {
		const asked = this.#cancels;
		return this.analytics.onPublished(async (sql, runId, manifest, turn) => {
			await this.#useLakeCurrency();
			const data = await this.#signals(sql, manifest, asked, turn, onProgress);
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
		const asked = this.#cancels;
		return this.analytics.onPublished(
			async (sql, runId, manifest, turn) => {
				await this.#useLakeCurrency();
				const data = await this.#signals(sql, manifest, asked, turn);
				if (data.detected.dataEnd === null) return { runId, report: null };
				const forecasts = await listForecasts(this.lake.store);
				const saved = forecasts.find((f) => f.runId === runId) ?? forecasts[0];
				const forecast = saved ? { evaluation: saved, stale: saved.runId !== runId } : null;
				// Before each of its statements the summary lets a waiting dashboard report run, and one for filters
				// no longer shown stops: nobody would see it.
				const step = async () => {
					await turn.pause();
					if (turn.superseded) throw new Superseded(SUMMARY);
				};
				const stepped = steppedSql(sql, step);
				return {
					runId,
					report: await executiveSummary(stepped, filters, data.detected.dataEnd, data, forecast)
				};
			},
			{ priority: 'background', answers: SUMMARY }
		);
	}

	/** Answers a question on the published Gold (anomaly and fraud questions from its detection). */
	ask(question: string): Promise<Answer> {
		const asked = this.#cancels;
		return this.analytics.onPublished(async (sql, runId, manifest, turn) => {
			await this.#useLakeCurrency();
			const vocabulary = await this.#vocabularyOf(sql, runId);
			return answerQuestion(sql, question, vocabulary, () => this.#signals(sql, manifest, asked, turn));
		});
	}

	/**
	 * Stops the detection under way at its next step. Every request made until now that needs it fails with
	 * `DetectionCancelled` rather than starting it again; the next request made starts it afresh. A detection
	 * already done stays.
	 */
	cancelDetection(): void {
		if (!this.#detection || this.#detection.done) return;
		this.#cancels++;
		this.#detection.controller.abort();
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
	 * asking for another request from here would wait behind this one for ever. Between its steps it lets
	 * the dashboards' waiting requests run (`turn.pause`).
	 */
	#signals(
		sql: SqlEngine,
		manifest: LakeManifest,
		asked: number,
		turn: Turn,
		onProgress?: ProgressListener
	): Promise<SignalsData> {
		if (asked !== this.#cancels) return Promise.reject(new DetectionCancelled());
		if (this.#detection?.runId !== manifest.run_id) this.#detection = this.#detect(sql, manifest, turn);
		const detection = this.#detection;
		if (onProgress && !detection.done) {
			detection.listeners.add(onProgress);
			if (detection.progress) void tell(onProgress, detection.progress);
		}
		return detection.data;
	}

	#detect(sql: SqlEngine, manifest: LakeManifest, turn: Turn): Detection {
		// The first step is reported before computeSignals returns: the state it writes must exist by then.
		const state = {
			runId: manifest.run_id,
			done: false,
			progress: null as DetectionProgress | null,
			listeners: new Set<ProgressListener>(),
			controller: new AbortController()
		};
		const reportStep = detectionSteps((progress) => {
			state.progress = progress;
			for (const listener of state.listeners) void tell(listener, progress);
		}, state.controller.signal);
		const onStep = async (step: DetectionStep) => {
			reportStep(step);
			await turn.pause();
		};
		// A cancel during the last step still cancels: the answer is dropped, not shown.
		const pause = async () => {
			if (state.controller.signal.aborted) throw new DetectionCancelled();
			await turn.pause();
		};
		const data = this.#savedOrComputed(sql, manifest, onStep, pause).then((signals) => {
			if (state.controller.signal.aborted) throw new DetectionCancelled();
			return signals;
		});
		const detection: Detection = Object.assign(state, { data });
		const { listeners } = detection;
		detection.data.then(
			() => {
				detection.done = true;
				listeners.clear();
			},
			() => {
				listeners.clear();
				if (this.#detection === detection) this.#detection = null;
			}
		);
		return detection;
	}

	/**
	 * The run's detection as kept in the lake by an earlier visit (a reload, another tab), or computed and
	 * kept. Keeping it is a convenience: a lake that cannot take the file (full, read-only) just detects again.
	 */
	async #savedOrComputed(
		sql: SqlEngine,
		manifest: LakeManifest,
		onStep: (step: DetectionStep) => Promise<void>,
		pause: () => Promise<void>
	): Promise<SignalsData> {
		const saved = await readSavedSignals(this.lake.store, manifest.run_id);
		if (saved) return saved;
		const signals = await computeSignals(sql, this.lake.store, manifest, onStep, pause);
		await saveSignals(this.lake.store, signals, pause).catch(() => {});
		return signals;
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

/** Tells a listener, which may be a page gone since (its callback then fails, and that is fine). */
async function tell(listener: ProgressListener, progress: DetectionProgress): Promise<void> {
	try {
		await listener(progress);
	} catch {
		// The page that asked has gone.
	}
}
