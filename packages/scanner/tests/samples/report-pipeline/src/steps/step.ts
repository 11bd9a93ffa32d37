/** Rows moving through the pipeline. */
export interface Batch {
  readonly rows: readonly Record<string, string>[];
}

/** Where a step is in its life. */
export type StepStatus = 'idle' | 'busy' | 'broken';

/** One stage of the pipeline; only the driver may call `process`. */
export type Step = {
  readonly id: string;
  status: StepStatus;
  process(batch: Batch): Promise<Batch>;
};
