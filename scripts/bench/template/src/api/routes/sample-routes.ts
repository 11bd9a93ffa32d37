import type { PipelineAnalysis } from '../../services/execution/analysis-execution-service';
import { normalizeSampleName } from '../../modules/sample/utils';
import { bodyItems, type Router } from '../http';

export function registerSampleRoutes(router: Router, analysis: PipelineAnalysis): void {
  router.post('/sample', async (request) => {
    const items = bodyItems(request).map(normalizeSampleName);
    if (items.length === 0) return { status: 400, body: { error: 'no items' } };
    const report = await analysis.analyze({ items, requestId: request.requestId, tenant: request.tenant });
    return { status: report.failed > 0 ? 207 : 200, body: report };
  });
  router.get('/sample/health', async () => ({ status: 200, body: { pipeline: analysis.pipeline } }));
}
