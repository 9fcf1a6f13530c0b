export { formatBytes } from './bytes';
export { formatMs } from './duration';
export { currentCurrency, formatInt, formatMoney, setCurrency } from './number';
export { formatSqlValue } from './sql-value';
export { errorDetails, formatError, outOfMemory, outOfStorage } from './error';
export { runStatusLabel } from './run-status';
export {
	calendarDay,
	formatDay,
	formatDayMonth,
	formatDayRange,
	formatMonthYear,
	formatMoment
} from './date';
export { checkStatusLabel, formatScore, qualityParts } from './quality';
