import { PipelineDriver } from '../pipeline/pipeline-driver'; // expect: no-layer-bypass
import type { Batch, Step } from '../steps/step';

export async function exportRoute(step: Step, body: Batch): Promise<Batch> {
  const first = await new PipelineDriver().drive(step, body); // expect: no-layer-bypass, no-layer-bypass
  return step.process(first); // expect: no-direct-plugin-run
}
