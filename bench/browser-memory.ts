import { readdirSync, readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export interface MemoryPeak {
	/**
	 * The largest Σ PSS over every Chromium process this bench started (browser, zygotes, renderers with
	 * their workers' JS heaps and wasm memories, GPU and utility processes), sampled every `intervalMs`.
	 * PSS splits shared pages between the processes that map them, so the sum does not count Chromium's
	 * own code once per process as Σ RSS would.
	 */
	peakMb: number;
	/** The page's main-thread JS heap at its largest (CDP `JSHeapUsedSize`); workers are not in it. */
	jsHeapPeakMb: number;
	/** Σ VmHWM (each process's own peak RSS since it started): an upper bound, over the whole page's life. */
	hwmSumMb: number;
	samples: number;
}

/** Samples the browser's memory until `stop()`; Linux only (reads /proc). */
export async function sampleBrowserMemory(
	page: Page,
	intervalMs = 250
): Promise<{ stop(): Promise<MemoryPeak> }> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Performance.enable');
	let peakKb = 0;
	let jsHeapPeak = 0;
	let samples = 0;
	const sample = async () => {
		peakKb = Math.max(peakKb, sum(chromiumPids().map(pssKb)));
		samples++;
		// A crashed page has no metrics any more; the process sums above still count.
		const metrics = await cdp.send('Performance.getMetrics').then(
			(result) => result.metrics,
			() => []
		);
		jsHeapPeak = Math.max(jsHeapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
	};
	let pending = sample();
	const timer = setInterval(() => {
		pending = pending.then(sample);
	}, intervalMs);
	return {
		async stop() {
			clearInterval(timer);
			await pending.then(sample);
			const hwmKb = sum(chromiumPids().map((pid) => statusKb(pid, 'VmHWM')));
			await cdp.detach().catch(() => undefined);
			return {
				peakMb: Math.round(peakKb / 1024),
				jsHeapPeakMb: Math.round(jsHeapPeak / 2 ** 20),
				hwmSumMb: Math.round(hwmKb / 1024),
				samples
			};
		}
	};
}

/** Chromium processes descending from this Node process (Playwright starts the browser as our child). */
function chromiumPids(root = process.pid): number[] {
	const children = new Map<number, number[]>();
	const names = new Map<number, string>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		const stat = readProc(`/proc/${entry}/stat`);
		if (!stat) continue;
		// `pid (comm) state ppid …`; comm may itself contain spaces or parentheses.
		const close = stat.lastIndexOf(')');
		const pid = Number(entry);
		const ppid = Number(stat.slice(close + 2).split(' ')[1]);
		names.set(pid, stat.slice(stat.indexOf('(') + 1, close));
		children.set(ppid, [...(children.get(ppid) ?? []), pid]);
	}
	const found: number[] = [];
	const queue = [...(children.get(root) ?? [])];
	while (queue.length) {
		const pid = queue.shift()!;
		if (/chrom/i.test(names.get(pid) ?? '')) found.push(pid);
		queue.push(...(children.get(pid) ?? []));
	}
	return found;
}

function pssKb(pid: number): number {
	const rollup = readProc(`/proc/${pid}/smaps_rollup`);
	const pss = rollup && /^Pss:\s+(\d+) kB/m.exec(rollup);
	return pss ? Number(pss[1]) : statusKb(pid, 'VmRSS');
}

function statusKb(pid: number, field: string): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readProc(`/proc/${pid}/status`) ?? '');
	return match ? Number(match[1]) : 0;
}

/** A /proc file's text, or null when the process has exited meanwhile. */
function readProc(path: string): string | null {
	try {
		return readFileSync(path, 'utf8');
	} catch {
		return null;
	}
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}
