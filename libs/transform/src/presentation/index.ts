/** processed → presentation: the aggregates for BI tools that read files (Parquet + CSV). */
export { PRESENTATION_AGGREGATES } from './aggregates/index.ts';
export {
  buildPresentation,
  presentationTable,
  writePresentationFiles,
  type PresentationTable,
} from './build-presentation.ts';
export type { PresentationAggregate, PresentationParams } from './presentation-aggregate.ts';
export { TOP_N } from './top-by-period.ts';
