export interface RouteRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly requestId: string;
  readonly tenant: string;
}

export interface RouteResponse {
  readonly status: number;
  readonly body: unknown;
}

export type RouteHandler = (request: RouteRequest) => Promise<RouteResponse>;

export interface Router {
  get(path: string, handler: RouteHandler): void;
  post(path: string, handler: RouteHandler): void;
  routes(): readonly string[];
}

export function createRouter(): Router {
  const table = new Map<string, RouteHandler>();
  return {
    get(path, handler) {
      table.set(`GET ${path}`, handler);
    },
    post(path, handler) {
      table.set(`POST ${path}`, handler);
    },
    routes() {
      return [...table.keys()].sort();
    },
  };
}

export function bodyItems(request: RouteRequest): string[] {
  const body = request.body;
  if (typeof body !== 'object' || body === null || !('items' in body)) return [];
  const items = (body as { items: unknown }).items;
  return Array.isArray(items) ? items.filter((item): item is string => typeof item === 'string') : [];
}
