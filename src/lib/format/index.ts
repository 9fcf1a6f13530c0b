export { formatBytes } from './bytes';
export { formatDayRange } from './day';
export { formatMs } from './duration';
export { formatINR, formatInt } from './number';
export { formatSqlValue } from './sql-value';
export { errorDetails, formatError } from './error';
export { runStatusLabel } from './run-status';
export { calendarDay, formatDay, formatDayMonth, formatMonthYear, formatMoment } from './date';
export { checkStatusLabel, formatScore, qualityParts } from './quality';
