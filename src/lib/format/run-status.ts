import type { RunStatus } from '../pipeline/types';

const LABELS: Record<RunStatus, string> = {
	running: 'running',
	publishing: 'publishing',
	succeeded: 'succeeded',
	succeeded_with_warnings: 'succeeded with warnings',
	failed: 'failed',
	cancelled: 'cancelled'
};

/** A run's status in words (`succeeded_with_warnings` → "succeeded with warnings"). */
export function runStatusLabel(status: RunStatus): string {
	return LABELS[status] ?? status;
}
