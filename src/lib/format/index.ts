export { formatBytes } from './bytes';
export { formatDay, formatDayRange, formatShortDay, weekdayName } from './day';
export { formatMs } from './duration';
export { formatINR, formatInt } from './number';
export { formatSqlValue } from './sql-value';
export { errorDetails, formatError } from './error';
