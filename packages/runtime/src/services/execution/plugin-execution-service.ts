import type { ErrorEnvelope } from '../../errors.js';
import type { RunRequest, RunResult, ToolRunner } from '../../plugins/runtime/tool-runner.js';

/** The only user of ToolRunner: the seam where jobs turn into plugin executions. */
export class PluginExecutionService {
  readonly #runner: ToolRunner;

  constructor(options: { runner: ToolRunner }) {
    this.#runner = options.runner;
  }

  /** Executes one plugin run; resolves to a result or an envelope, never rejects. */
  execute(request: RunRequest): Promise<RunResult> {
    return this.#runner.run(request);
  }

  /** Checks that `plugin` can run `payload` (known, available, valid input) without running it; null when it can. */
  check(plugin: string, payload: unknown): Promise<ErrorEnvelope | null> {
    return this.#runner.check(plugin, payload);
  }
}
