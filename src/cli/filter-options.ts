import { FilterError, validateFilters, type Channel, type KpiFilters } from '../lib/analytics/filters';
import { UsageError } from './command';

/** The pages' filters as command-line options (parseArgs configuration). */
export const FILTER_OPTIONS = {
	from: { type: 'string' },
	to: { type: 'string' },
	city: { type: 'string' },
	channel: { type: 'string' },
	category: { type: 'string' },
	'include-spikes': { type: 'boolean' }
} as const;

/** Their lines for a command's help text. */
export const FILTER_HELP = `  --from YYYY-MM-DD   first day (inclusive)
  --to YYYY-MM-DD     last day (inclusive)
  --city NAME         one city (a store's city; a web order's customer city)
  --channel pos|web   one channel
  --category NAME     one product category
  --include-spikes    keep the sales lines flagged as quantity spikes (check 6), which are left out
                      by default as the data defects they are`;

type FilterValues = {
	[K in keyof typeof FILTER_OPTIONS]?: (typeof FILTER_OPTIONS)[K]['type'] extends 'boolean'
		? boolean
		: string;
};

/** The filters the options give, checked; a bad value is a UsageError. */
export function filtersFromOptions(values: FilterValues): KpiFilters {
	const filters: KpiFilters = {};
	for (const key of ['from', 'to', 'city', 'category'] as const) {
		if (values[key] !== undefined) filters[key] = values[key];
	}
	if (values.channel !== undefined) filters.channel = values.channel as Channel;
	if (!values['include-spikes']) filters.spikes = 'exclude';
	try {
		return validateFilters(filters);
	} catch (error) {
		if (error instanceof FilterError) throw new UsageError(error.message);
		throw error;
	}
}
