import type { Logger } from '../../logger';
import type { PluginContext, PluginInput, PluginOutput } from '../../plugins/plugin';
import type { PluginRegistry } from '../../plugins/registry';
import type { ToolRunner } from '../../plugins/runtime/tool-runner';

export interface ExecutionRequest {
  readonly plugin: string;
  readonly input: PluginInput;
  readonly requestId: string;
  readonly tenant: string;
}

export class PluginExecutionService {
  constructor(
    private readonly runner: ToolRunner,
    private readonly registry: PluginRegistry,
    private readonly logger: Logger,
  ) {}

  async execute(request: ExecutionRequest): Promise<PluginOutput> {
    const log = this.logger.child(request.plugin);
    const context: PluginContext = {
      requestId: request.requestId,
      tenant: request.tenant,
      log: (level, message) => log.write(level, message),
    };
    return this.runner.run(request.plugin, request.input, context);
  }

  available(): string[] {
    return this.registry
      .list()
      .filter((record) => record.state !== 'UNAVAILABLE' && record.state !== 'FAILED')
      .map((record) => record.plugin.name);
  }
}

export class BatchExecutionService {
  constructor(private readonly executions: PluginExecutionService) {}

  async executeAll(requests: readonly ExecutionRequest[]): Promise<PluginOutput[]> {
    const outputs: PluginOutput[] = [];
    for (const request of requests) outputs.push(await this.executions.execute(request));
    return outputs;
  }
}
