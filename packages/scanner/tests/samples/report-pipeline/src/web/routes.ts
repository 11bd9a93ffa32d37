import { ReportService } from '../reports/report-service';
import type { Batch, Step } from '../steps/step';

export function reportRoute(steps: readonly Step[]): (body: Batch) => Promise<Batch> {
  const service = new ReportService(steps);
  return (body) => service.build(body);
}
