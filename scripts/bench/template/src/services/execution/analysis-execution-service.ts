
export interface AnalysisRequest {
  readonly items: readonly string[];
  readonly requestId: string;
  readonly tenant: string;
}

export interface AnalysisReport {
  readonly id: string;
  readonly pipeline: string;
  readonly succeeded: number;
  readonly failed: number;
  readonly warnings: readonly string[];
  readonly score: number;
}

export interface Analysis {
  readonly pipeline: string;
  analyze(request: AnalysisRequest): Promise<AnalysisReport>;
}

function score(succeeded: number, failed: number): number {
  const total = succeeded + failed;
  return total === 0 ? 1 : succeeded / total;
}

/** What a pipeline's job service offers the analysis layer (each job-*.ts service has this shape). */
export interface PipelineJobs {
  submit(request: AnalysisRequest): Promise<{ readonly succeeded: number; readonly failed: number; readonly warnings: readonly string[] }>;
}

export class PipelineAnalysis implements Analysis {
  constructor(
    readonly pipeline: string,
    private readonly jobs: PipelineJobs,
  ) {}

  async analyze(request: AnalysisRequest): Promise<AnalysisReport> {
    const result = await this.jobs.submit(request);
    const { succeeded, failed, warnings } = result;
    return { id: request.requestId, pipeline: this.pipeline, succeeded, failed, warnings, score: score(succeeded, failed) };
  }
}

export class AnalysisExecutionService {
  private readonly analyses = new Map<string, Analysis>();

  constructor(analyses: readonly Analysis[]) {
    for (const analysis of analyses) this.analyses.set(analysis.pipeline, analysis);
  }

  async analyze(pipeline: string, request: AnalysisRequest): Promise<AnalysisReport | undefined> {
    return this.analyses.get(pipeline)?.analyze(request);
  }

  pipelines(): string[] {
    return [...this.analyses.keys()].sort();
  }
}
