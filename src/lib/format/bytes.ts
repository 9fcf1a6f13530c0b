const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** A size in decimal (SI) units, three significant figures at most: 1500 → `1.5 kB`, 17600000 → `17.6 MB`. */
export function formatBytes(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return '—';
	let unit = 0;
	let value = bytes;
	while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1000) {
		value /= 1000;
		unit++;
	}
	if (unit === 0) return `${Math.round(value)} B`;
	return `${value < 99.95 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}
