import type { PluginExecutionService } from '../../services/execution/plugin-execution-service';
import { bodyItems, type Router } from '../http';

/** Skips the analysis and job layers: no import to see, only the call. */
export function registerLegacyRoutes(router: Router, executions: PluginExecutionService): void {
  router.post('/legacy/execute', async (request) => {
    const input = { items: bodyItems(request) };
    const output = await executions.execute({ plugin: request.params['plugin'] ?? 'unknown', input, requestId: request.requestId, tenant: request.tenant }); // expect: no-layer-bypass
    return { status: output.ok ? 200 : 422, body: output };
  });
}
