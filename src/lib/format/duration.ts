/** A duration given in milliseconds: `4.2 ms`, `312 ms`, `2.35 s`, `12.3 s`, `2 min 5 s`, `1 h 4 min`. */
export function formatMs(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '—';
	if (ms < 9.95) return `${ms.toFixed(1)} ms`;
	if (ms < 999.5) return `${Math.round(ms)} ms`;
	if (ms < 9995) return `${(ms / 1000).toFixed(2)} s`;
	if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
	const seconds = Math.round(ms / 1000);
	if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
	const minutes = Math.round(ms / 60_000);
	return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
