import type { Plugin } from '../plugin';
import { RankAnomaliesPlugin } from './rank-anomalies';
import { SampleExtractorPlugin } from './sample-extractor';
import { detectSchemasPlugin } from './detect-schemas';
import { sampleDetectorPlugin } from './sample-detector';
import { EnrichDuplicatesPlugin } from './enrich-duplicates';

export function builtinPlugins(): Plugin[] {
  return [
    new RankAnomaliesPlugin(),
    new SampleExtractorPlugin(),
    detectSchemasPlugin,
    sampleDetectorPlugin,
    new EnrichDuplicatesPlugin(),
  ];
}
