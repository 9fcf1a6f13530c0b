/** The Web Lock every tab's engine takes for a run (docs/pipeline.md); pages query it to tell a run elsewhere. */
export const PIPELINE_LOCK = 'retail-data-hub:pipeline';
