export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface RunResult {
  readonly changes: number;
  readonly lastInsertRowid: number;
}

export class Statement {
  constructor(
    readonly sql: string,
    private readonly rows: Row[],
  ) {}

  run(...params: Cell[]): RunResult {
    if (this.sql.startsWith('INSERT')) this.rows.push(Object.fromEntries(params.map((value, i) => [`c${i}`, value])));
    return { changes: params.length > 0 ? 1 : 0, lastInsertRowid: this.rows.length };
  }

  all(...params: Cell[]): Row[] {
    return params.length === 0 ? [...this.rows] : this.rows.filter((row) => params.some((p) => Object.values(row).includes(p)));
  }

  get(...params: Cell[]): Row | undefined {
    return this.all(...params)[0];
  }
}

export class Database {
  private readonly tables = new Map<string, Row[]>();

  prepare(sql: string): Statement {
    const table = /(?:FROM|INTO|TABLE)\s+(\w+)/i.exec(sql)?.[1] ?? 'default';
    const rows = this.tables.get(table) ?? [];
    this.tables.set(table, rows);
    return new Statement(sql, rows);
  }

  transaction<T>(work: (db: Database) => T): T {
    return work(this);
  }
}
