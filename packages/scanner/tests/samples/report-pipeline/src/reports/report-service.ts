import { PipelineDriver } from '../pipeline/pipeline-driver';
import type { Batch, Step } from '../steps/step';

export class ReportService {
  private readonly driver = new PipelineDriver();

  constructor(private readonly steps: readonly Step[]) {}

  async build(batch: Batch): Promise<Batch> {
    let current = batch;
    for (const step of this.steps) current = await this.driver.drive(step, current);
    return current;
  }
}
