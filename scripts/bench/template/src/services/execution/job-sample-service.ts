import { chunk, partition } from '../../modules/shared/collections';
import type { PluginOutput } from '../../plugins/plugin';
import type { PluginExecutionService } from './plugin-execution-service';
import type { Account } from '../../modules/sample/types';

export interface JobSampleRequest {
  readonly items: readonly string[];
  readonly requestId: string;
  readonly tenant: string;
}

export interface JobSampleResult {
  readonly succeeded: number;
  readonly failed: number;
  readonly warnings: string[];
}

const PLUGINS = ['sample-extractor', 'sample-detector'] as const;
const BATCH_SIZE = 18;

export class JobSampleService {
  constructor(private readonly executions: PluginExecutionService) {}

  async submit(request: JobSampleRequest): Promise<JobSampleResult> {
    const outputs: PluginOutput[] = [];
    for (const batch of chunk(request.items, BATCH_SIZE)) {
      for (const plugin of PLUGINS) {
        const input = { items: batch, size: batch.length };
        outputs.push(await this.executions.execute({ plugin, input, requestId: request.requestId, tenant: request.tenant }));
      }
    }
    const [good, bad] = partition(outputs, (output) => output.ok);
    return { succeeded: good.length, failed: bad.length, warnings: outputs.flatMap((output) => [...output.warnings]) };
  }

  describe(items: readonly Account[]): string[] {
    return items.map((item) => `${item.id}:${item.status}`);
  }
}
