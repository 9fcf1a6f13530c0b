import type { defaultReports } from '../../analytics/published-figures';
import type { buildGold } from '../gold/build-gold';
import type { ingestFile } from '../ingest/ingest-file';
import type { listRawFiles } from '../ingest/raw-files';
import type { buildQualityReport } from '../quality/quality-report';
import type { buildSilver } from '../silver/build-silver';

/** The work a run orchestrates, one function per step: the pipeline's own modules, or fakes in tests. */
export interface PipelineSteps {
	listRawFiles: typeof listRawFiles;
	ingestFile: typeof ingestFile;
	buildSilver: typeof buildSilver;
	buildGold: typeof buildGold;
	buildQualityReport: typeof buildQualityReport;
	/** The dashboards' default figures on the Gold just built, published with it. */
	buildFigures: typeof defaultReports;
}
