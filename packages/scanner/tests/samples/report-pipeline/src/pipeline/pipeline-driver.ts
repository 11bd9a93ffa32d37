import type { Batch, Step } from '../steps/step';
import { checkBatch, recordTiming, toFailure } from './checks';

/** The one place a step runs: checked input and output, wrapped failures, timings. */
export class PipelineDriver {
  async drive(step: Step, batch: Batch): Promise<Batch> {
    const startedAt = Date.now();
    checkBatch(batch);
    step.status = 'busy';
    try {
      const output = await step.process(batch);
      step.status = 'idle';
      return checkBatch(output);
    } catch (error) {
      step.status = 'broken';
      throw toFailure(step.id, error);
    } finally {
      recordTiming(step.id, startedAt);
    }
  }
}
