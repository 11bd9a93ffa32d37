import { csvStep } from './steps/csv-step';
import { dedupeStep } from './steps/dedupe-step';
import { exportRoute } from './web/export-route';
import { reportRoute } from './web/routes';

const report = reportRoute([dedupeStep, csvStep]);
export const handlers = { report, export: (body: { rows: Record<string, string>[] }) => exportRoute(csvStep, body) };
