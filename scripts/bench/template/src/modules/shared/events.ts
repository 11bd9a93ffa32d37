export type Handler<T> = (payload: T) => void;

export class EventBus<TEvents extends object> {
  private readonly handlers = new Map<keyof TEvents, Handler<never>[]>();

  on<K extends keyof TEvents>(event: K, handler: Handler<TEvents[K]>): () => void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler);
    this.handlers.set(event, list);
    return () => {
      this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h !== handler));
    };
  }

  emit<K extends keyof TEvents>(event: K, payload: TEvents[K]): number {
    const list = this.handlers.get(event) ?? [];
    for (const handler of list) (handler as Handler<TEvents[K]>)(payload);
    return list.length;
  }
}
