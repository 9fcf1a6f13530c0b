import { formatInt } from '../format/number';
import { CALENDAR_FIRST_DAY, CALENDAR_LAST_DAY, CALENDAR_RANGE } from '../calendar/retail-calendar';
import { parseIsoDate } from '../calendar/dates';

/** What a generation run is asked for. Same config ⇒ byte-identical files. */
export interface GeneratorConfig {
	/** Unsigned 32-bit integer. */
	seed: number;
	/** Target POS + web sales lines over the whole range (met within ±2 %). */
	salesLines: number;
	/** First day, `YYYY-MM-DD`. */
	from: string;
	/** Last day, `YYYY-MM-DD`, included. */
	to: string;
	/** Share of rows that carry an injected defect, 0 … 0.1. */
	defectRate: number;
}

/** Target sales lines: `original` matches the original system's volume. */
export const SCALE_PRESETS = {
	original: 70_000,
	'1m': 1_000_000,
	'5m': 5_000_000,
	'10m': 10_000_000
} as const;
export type ScalePreset = keyof typeof SCALE_PRESETS;

export const DEFAULT_GENERATOR_CONFIG: GeneratorConfig = {
	seed: 42,
	salesLines: SCALE_PRESETS.original,
	from: '2023-01-01',
	to: '2025-12-31',
	defectRate: 0.01
};

export const SALES_LINES_MIN = 1_000;
export const SALES_LINES_MAX = 20_000_000;
/** Monthly CRM extracts must show movers before and after their move, and forecasts need history. */
export const MIN_RANGE_DAYS = 90;
export const MAX_DEFECT_RATE = 0.1;

/** Every problem with a config, as sentences for a person; empty when it is valid. */
export function generatorConfigProblems(config: GeneratorConfig): string[] {
	const problems: string[] = [];
	const { seed, salesLines, from, to, defectRate } = config;
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
		problems.push(`The seed must be a whole number from 0 to 4294967295 (got ${seed}).`);
	}
	if (!Number.isInteger(salesLines) || salesLines < SALES_LINES_MIN || salesLines > SALES_LINES_MAX) {
		problems.push(
			`Sales lines must be a whole number from ${formatInt(SALES_LINES_MIN)} to ` +
				`${formatInt(SALES_LINES_MAX)} (got ${salesLines}).`
		);
	}
	if (!(defectRate >= 0 && defectRate <= MAX_DEFECT_RATE)) {
		problems.push(`The defect rate must be between 0 and ${MAX_DEFECT_RATE} (got ${defectRate}).`);
	}
	const fromDay = checkDate('start', from, problems);
	const toDay = checkDate('end', to, problems);
	if (fromDay !== null && toDay !== null) {
		if (fromDay > toDay) problems.push(`The start date ${from} is after the end date ${to}.`);
		else if (toDay - fromDay + 1 < MIN_RANGE_DAYS) {
			problems.push(
				`The range ${from} … ${to} is ${toDay - fromDay + 1} days; it needs at least ${MIN_RANGE_DAYS}.`
			);
		}
	}
	return problems;
}

function checkDate(label: string, text: string, problems: string[]): number | null {
	const day = typeof text === 'string' ? parseIsoDate(text) : null;
	if (day === null) {
		problems.push(`The ${label} date must be a real date written YYYY-MM-DD (got ${JSON.stringify(text)}).`);
		return null;
	}
	if (day < CALENDAR_FIRST_DAY || day > CALENDAR_LAST_DAY) {
		problems.push(`The ${label} date ${text} is outside the festival calendar (${CALENDAR_RANGE}).`);
		return null;
	}
	return day;
}

export class GeneratorConfigError extends Error {
	override name = 'GeneratorConfigError';

	constructor(readonly problems: readonly string[]) {
		super(problems.join(' '));
	}
}

/** Defaults filled in, then validated; throws a `GeneratorConfigError` listing every problem. */
export function resolveGeneratorConfig(input: Partial<GeneratorConfig> = {}): GeneratorConfig {
	const config = { ...DEFAULT_GENERATOR_CONFIG, ...input };
	const problems = generatorConfigProblems(config);
	if (problems.length > 0) throw new GeneratorConfigError(problems);
	return config;
}

/** The batch id shared by every file of one run. */
export function batchIdOf(config: GeneratorConfig): string {
	return `gen-s${config.seed}-${config.from}-${config.to}`;
}
