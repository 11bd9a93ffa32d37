export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  write(level: LogLevel, message: string): void;
  child(scope: string): Logger;
}

export function createMemoryLogger(scope = 'app', sink: string[] = []): Logger & { readonly entries: readonly string[] } {
  return {
    entries: sink,
    write(level, message) {
      sink.push(`[${level}] ${scope}: ${message}`);
    },
    child(child) {
      return createMemoryLogger(`${scope}.${child}`, sink);
    },
  };
}
