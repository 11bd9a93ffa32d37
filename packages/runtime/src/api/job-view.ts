import type { Job } from '../services/execution/job-store.js';

/** The HTTP shape of a job: `job_id` instead of `id`, and no payload echo. */
export interface JobView {
  job_id: string;
  plugin: string;
  status: Job['status'];
  result: Job['result'];
  error: Job['error'];
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  attempts: number;
  history: Job['history'];
}

/** Maps a stored job to its HTTP shape. */
export function toJobView(job: Job): JobView {
  return {
    job_id: job.id,
    plugin: job.plugin,
    status: job.status,
    result: job.result,
    error: job.error,
    created_at: job.created_at,
    started_at: job.started_at,
    finished_at: job.finished_at,
    attempts: job.attempts,
    history: job.history,
  };
}
