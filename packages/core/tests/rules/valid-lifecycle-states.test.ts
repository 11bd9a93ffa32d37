import { describe, expect, it } from 'vitest';
import { analyzeVirtual, summarize } from '../helpers/rule-program.js';

const plugin = `export type PluginLifecycleState = 'LOADED' | 'INITIALIZED' | 'RUNNING' | 'FAILED' | 'UNAVAILABLE';
export interface PluginRecord { name: string; state: PluginLifecycleState; outcome?: 'SUCCESS' | 'ERROR' }
export function setState(record: PluginRecord, state: PluginLifecycleState): void { record.state = state; }
`;

/** Findings in `src/use.ts` (its first line is line 2, after the import). */
function check(body: string, extra: Record<string, string> = {}, config = {}) {
  const use = `import { setState, type PluginLifecycleState, type PluginRecord } from './plugins/plugin.js';\n${body}`;
  const { findings, errors } = analyzeVirtual('valid-lifecycle-states', { 'src/plugins/plugin.ts': plugin, 'src/use.ts': use, ...extra }, config);
  expect(errors).toEqual([]);
  return findings;
}

describe('valid-lifecycle-states', () => {
  it('flags forbidden names behind every kind of cast, on the literal', () => {
    const findings = check(`export function f(r: PluginRecord): void {
  r.state = 'SUCCESS' as PluginLifecycleState;
  r.state = ('ERROR' as any);
  r.state = 'ERROR' as unknown as PluginLifecycleState;
  r.state = <PluginLifecycleState>'SUCCESS';
}
`);
    expect(summarize(findings)).toEqual([
      'src/use.ts:3:13 forbiddenState',
      'src/use.ts:4:14 forbiddenState',
      'src/use.ts:5:13 forbiddenState',
      'src/use.ts:6:35 forbiddenState',
    ]);
    expect(findings[0]?.data).toMatchObject({ value: 'SUCCESS', type: 'PluginLifecycleState', cast: ' (through a cast)' });
  });

  it('checks files that never import the lifecycle type but spell the same union, there or in a file they import', () => {
    // The checker interns literal unions: an equal union written elsewhere is the lifecycle type.
    const states = `export type States = 'LOADED' | 'INITIALIZED' | 'RUNNING' | 'FAILED' | 'UNAVAILABLE';\n`;
    const inline = `export interface Row { state?: 'LOADED' | 'INITIALIZED' | 'RUNNING' | 'FAILED' | 'UNAVAILABLE' }\nexport function a(row: Row): void {\n  row.state = 'SUCCESS' as any;\n}\n`;
    const viaAlias = `import type { States } from './states.js';\nexport function b(slot: { state: States }): void {\n  slot.state = 'ERROR' as any;\n}\n`;
    const unrelated = `export function c(job: { status: string }): void {\n  job.status = 'SUCCESS';\n}\n`;
    const findings = check('export {};\n', {
      'src/other/states.ts': states,
      'src/other/inline.ts': inline,
      'src/other/via-alias.ts': viaAlias,
      'src/other/job.ts': unrelated,
    });
    expect(summarize(findings)).toEqual(['src/other/inline.ts:3:15 forbiddenState', 'src/other/via-alias.ts:3:16 forbiddenState']);
  });

  it('reports names outside the configured states as unknownState', () => {
    expect(summarize(check("export const s: PluginLifecycleState = 'PAUSED' as PluginLifecycleState;\n"))).toEqual(['src/use.ts:2:40 unknownState']);
  });

  it('checks arguments, returns, object properties and optional targets by their contextual type', () => {
    const findings = check(`export function g(r: PluginRecord, patch: Partial<PluginRecord>): PluginLifecycleState {
  setState(r, 'ERROR' as never);
  patch.state = 'SUCCESS' as any;
  const copy: PluginRecord = { ...r, state: 'ERROR' as PluginLifecycleState };
  void copy;
  return 'SUCCESS' as PluginLifecycleState;
}
`);
    expect(summarize(findings)).toEqual([
      'src/use.ts:3:15 forbiddenState',
      'src/use.ts:4:17 forbiddenState',
      'src/use.ts:5:45 forbiddenState',
      'src/use.ts:7:10 forbiddenState',
    ]);
  });

  it('leaves comparisons, reads, allowed states and other status types alone', () => {
    expect(
      check(`export function h(r: PluginRecord): string {
  const other: PluginRecord = { ...r };
  other.state = 'RUNNING';
  setState(r, 'FAILED');
  r.outcome = 'SUCCESS';
  if (r.state === ('ERROR' as PluginLifecycleState)) return 'x';
  const label = 'SUCCESS';
  return r.state === 'LOADED' ? label : String(r.state);
}
`),
    ).toEqual([]);
  });

  it('matches the lifecycle type by declaration, not by name', () => {
    const legacy = { 'src/legacy.ts': "export type PluginLifecycleState = 'SUCCESS' | 'LOADED';\nexport const s: PluginLifecycleState = 'SUCCESS';\n" };
    expect(check('export {};\n', legacy)).toEqual([]);
  });

  it('flags uncast writes when the declared type itself admits a forbidden name', () => {
    const config = {
      lifecycle: { type: { name: 'Phase', from: 'src/phase.ts' }, states: ['open', 'closed'], forbidden: ['done'] },
    };
    const { findings, errors } = analyzeVirtual(
      'valid-lifecycle-states',
      {
        'src/phase.ts': "export type Phase = 'open' | 'closed' | 'done';\n",
        'src/door.ts':
          "import type { Phase } from './phase.js';\nexport const door: { phase: Phase } = { phase: 'open' };\ndoor.phase = 'done';\nexport const status: string = 'done';\n",
      },
      config,
    );
    expect(errors).toEqual([]);
    expect(summarize(findings)).toEqual(['src/door.ts:3:14 forbiddenState']);
    expect(findings[0]?.data).toMatchObject({ value: 'done', cast: '', states: 'open, closed' });
  });

  it('checks writes the checker does not type: Object.assign, Reflect.set, cast receivers, literals under a cast', () => {
    const findings = check(`export function h(r: PluginRecord, loose: Record<string, unknown>): PluginRecord {
  Object.assign(r, { name: 'x' }, { state: 'SUCCESS' });
  Reflect.set(r, 'state', 'PAUSED');
  (r as any).state = 'ERROR';
  Object.assign(loose, { state: 'SUCCESS' });
  Reflect.set(r, 'outcome', 'ERROR');
  (r as any).outcome = 'SUCCESS';
  Object.assign(r, { state: 'RUNNING' as const });
  return { ...r, state: 'ERROR' } as unknown as PluginRecord;
}
`);
    expect(summarize(findings)).toEqual([
      'src/use.ts:3:44 forbiddenState',
      'src/use.ts:4:27 unknownState',
      'src/use.ts:5:22 forbiddenState',
      'src/use.ts:10:25 forbiddenState',
    ]);
  });

  it('proves values of wider types: string consts, constant templates, calls returning unions of bad literals', () => {
    const findings = check(`declare function outcome(): 'SUCCESS' | 'ERROR';
declare function maybe(): 'SUCCESS' | 'RUNNING';
const WIDE: string = 'SUCCESS';
const HEAD = 'ERR';
let moving: string = 'ERROR';
export function k(r: PluginRecord, name: string): void {
  r.state = WIDE as PluginLifecycleState;
  r.state = \`\${HEAD}OR\` as PluginLifecycleState;
  r.state = outcome() as unknown as PluginLifecycleState;
  r.state = maybe() as PluginLifecycleState;
  r.state = moving as PluginLifecycleState;
  r.state = \`\${name}ED\` as PluginLifecycleState;
  moving = name;
}
`);
    expect(summarize(findings)).toEqual(['src/use.ts:8:13 forbiddenState', 'src/use.ts:9:13 forbiddenState', 'src/use.ts:10:13 forbiddenState']);
    expect(findings[2]?.data).toMatchObject({ value: 'SUCCESS" | "ERROR' });
  });

  it('walks a 2,000-term written expression without exhausting the stack', () => {
    // A chain of conditionals on calls (TypeScript's own binder overflows on 2,000 `||` terms, and
    // its flow narrowing on 2,000 conditions over a reference, before any rule runs).
    const terms = `${Array.from({ length: 2000 }, () => "ok() ? 'LOADED' :").join(' ')} 'SUCCESS'`;
    const findings = check(
      `declare function ok(): boolean;\nexport function deep(r: PluginRecord): void {\n  r.state = (${terms}) as PluginLifecycleState;\n}\n`,
    );
    expect(findings.map((finding) => `${finding.line} ${finding.messageId} ${finding.data.value}`)).toEqual(['4 forbiddenState SUCCESS']);
  });
});
