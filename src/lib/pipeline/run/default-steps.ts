import { defaultReports } from '../../analytics/published-figures';
import { buildGold } from '../gold/build-gold';
import { ingestFile } from '../ingest/ingest-file';
import { listRawFiles } from '../ingest/raw-files';
import { buildQualityReport } from '../quality/quality-report';
import { buildSilver } from '../silver/build-silver';
import type { PipelineSteps } from './pipeline-steps';

export const PIPELINE_STEPS: PipelineSteps = {
	listRawFiles,
	ingestFile,
	buildSilver,
	buildGold,
	buildQualityReport,
	buildFigures: defaultReports
};
