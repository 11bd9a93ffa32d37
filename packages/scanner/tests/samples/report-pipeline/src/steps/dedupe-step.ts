import type { Batch, Step } from './step';

export const dedupeStep: Step = {
  id: 'dedupe',
  status: 'idle',
  async process(batch: Batch): Promise<Batch> {
    const seen = new Set<string>();
    return { rows: batch.rows.filter((row) => !seen.has(JSON.stringify(row)) && seen.add(JSON.stringify(row)) !== undefined) };
  },
};
