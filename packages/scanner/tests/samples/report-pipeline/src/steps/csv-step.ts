import type { Batch, Step } from './step';

export const csvStep: Step = {
  id: 'csv',
  status: 'idle',
  async process(batch: Batch): Promise<Batch> {
    return { rows: batch.rows.map((row) => ({ ...row, csv: Object.values(row).join(',') })) };
  },
};
