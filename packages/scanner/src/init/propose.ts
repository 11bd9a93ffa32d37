import * as path from 'node:path';
import type { ConfigInput } from '@execgov/core';
import { memberKey, RUNNER_CLASS_NAME, type ProjectFacts, type RunnerBody, type RunnerCall, type RunnerSteps } from './inspect.js';
import { proposeLayers } from './layers.js';

/** The config `init` writes and, line by line, why. */
export interface Proposal {
  config: ConfigInput;
  reasons: string[];
}

const rel = (configDir: string, file: string) => path.relative(configDir, file).replace(/\\/g, '/');

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `Class.method` or `function()`, as printed. */
function runnerLabel({ runnerClass, runnerMethod }: { runnerClass: string | undefined; runnerMethod: string }): string {
  return runnerClass === undefined ? `${runnerMethod}()` : `${runnerClass}.${runnerMethod}`;
}

/** The runner files making a type's calls, most calls first: its sanctioned files. */
function sanctionedFiles(calls: readonly RunnerCall[]): [file: string, calls: number][] {
  const byFile = new Map<string, number>();
  for (const call of calls) byFile.set(call.runnerFile, (byFile.get(call.runnerFile) ?? 0) + 1);
  return [...byFile].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function proposeGuards(facts: ProjectFacts, configDir: string, reasons: string[]): NonNullable<ConfigInput['guards']> {
  const byType = new Map<string, RunnerCall[]>();
  for (const call of facts.runnerCalls) byType.set(`${call.typeFile}#${call.typeName}`, [...(byType.get(`${call.typeFile}#${call.typeName}`) ?? []), call]);
  if (byType.size === 0) {
    reasons.push(
      'guards: no method of a project type is called from a class named *Runner, *Executor or *Driver (or with an Impl/Service suffix), nor from a function of a file named like one; no-direct-plugin-run is off. Name your guarded type in "guards" and turn it on.',
    );
    return [];
  }
  // Runners are the sanctioned path, not what it guards; and where the project has contracts
  // (interfaces, type aliases, abstract classes), a concrete class a runner calls is a helper.
  const candidates = [...byType.values()].filter((calls) => {
    const { typeName, typeFile } = calls[0] as RunnerCall;
    if (!RUNNER_CLASS_NAME.test(typeName)) return true;
    reasons.push(`not guarded: ${typeName} (${rel(configDir, typeFile)}) is itself a runner.`);
    return false;
  });
  const contracts = candidates.filter((calls) => (calls[0] as RunnerCall).typeKind !== 'class');
  for (const calls of contracts.length > 0 ? candidates.filter((c) => !contracts.includes(c)) : []) {
    const { typeName, typeFile } = calls[0] as RunnerCall;
    reasons.push(
      `not guarded: class ${typeName} (${rel(configDir, typeFile)}) is a concrete class; the runner also calls contracts (interfaces, type aliases, abstract classes), which are what plugins implement.`,
    );
  }
  return (contracts.length > 0 ? contracts : candidates).map((calls) => {
    const { typeName, typeKind, typeFile } = calls[0] as RunnerCall;
    const members = [...new Set(calls.map((c) => c.member))].sort();
    const sanctioned = sanctionedFiles(calls);
    const allowIn = sanctioned.map(([file]) => file);
    const runners = [...new Set(calls.map(runnerLabel))].join(', ');
    const elsewhere = new Set(
      members
        .flatMap((m) => facts.callSites.get(memberKey(typeFile, typeName, m)) ?? [])
        .filter((file) => !allowIn.includes(file))
        .map((file) => rel(configDir, file)),
    );
    reasons.push(
      `guard "${kebab(typeName)}-${members.join('-')}": ${typeKind} ${typeName} (${rel(configDir, typeFile)}), members ${members.join(', ')}: called from ${runners}.`,
      `  sanctioned: ${sanctioned.map(([file, count]) => `${rel(configDir, file)} (${plural(count, 'call')})`).join(', ')}: the runner code making these calls.`,
      elsewhere.size > 0
        ? `  also called in ${[...elsewhere].sort().join(', ')}: the scan will report these.`
        : '  called nowhere else today: the scan is clean for this guard.',
    );
    return {
      name: `${kebab(typeName)}-${members.join('-')}`,
      type: { name: typeName, from: rel(configDir, typeFile) },
      members,
      allowIn: allowIn.map((file) => rel(configDir, file)),
    };
  });
}

/** Logging calls (`logger.error(…)` in a catch) are not the step itself. */
const LOG_LEVEL = /^(log|trace|debug|info|warn|warning|error|fatal)$/;

/** Function names a runner method calls, matched by what they sound like. */
function pick(names: readonly string[], pattern: RegExp): string[] {
  return [...new Set(names.filter((name) => pattern.test(name) && !LOG_LEVEL.test(name)))].sort();
}

function proposeRunner(
  chosen: { body: RunnerBody; steps: RunnerSteps } | undefined,
  configDir: string,
  reasons: string[],
): Pick<ConfigInput, 'runner'> | undefined {
  if (!chosen) return undefined;
  const { body, steps } = chosen;
  const validateInput = pick(steps.beforeGuarded, /valid|check|assert|parse/i);
  const validateOutput = pick(steps.afterGuarded, /valid|check|assert|parse/i);
  const errorEnvelope = pick(steps.inCatch, /error|envelope|fail/i);
  const recordMetrics = pick(steps.inFinally, /metric|record|measure|track|observe/i);
  const where = `${runnerLabel(body)} (${rel(configDir, body.runnerFile)})`;
  if (body.runnerClass === undefined) {
    reasons.push(
      `runner: ${where} is a function; tool-runner-invariants checks a runner class's method. It is off; name your runner class in "runner" to turn it on.`,
    );
    return undefined;
  }
  if (validateInput.length === 0 || validateOutput.length === 0 || errorEnvelope.length === 0 || recordMetrics.length === 0) {
    reasons.push(
      `runner: ${where} does not show all four steps by name (input validation before the guarded call, output validation after it, an error envelope in catch, metrics in finally); tool-runner-invariants is off. Fill in "runner" and turn it on.`,
    );
    return undefined;
  }
  reasons.push(
    `runner: ${where}: validates with ${validateInput.join(', ')} / ${validateOutput.join(', ')}, wraps errors with ${errorEnvelope.join(', ')}, records with ${recordMetrics.join(', ')}.`,
  );
  return {
    runner: {
      file: rel(configDir, body.runnerFile),
      class: body.runnerClass,
      method: body.runnerMethod,
      validateInput,
      validateOutput,
      errorEnvelope,
      recordMetrics,
    },
  };
}

/**
 * Turns what `init` saw into a starter config. Every section it cannot back with evidence from
 * the project is left out and its rule turned off, with the reason printed, so the config never
 * claims more than the code shows.
 */
export function propose(facts: ProjectFacts, configDir: string): Proposal {
  const reasons: string[] = [];
  const guards = proposeGuards(facts, configDir, reasons);
  // The runner body: one that calls a chosen guard, a class method before a function, the most steps.
  const chosen = new Set(
    guards.flatMap((g) => (g.members === '*' ? [] : g.members).map((m) => memberKey(path.resolve(configDir, g.type.from as string), g.type.name, m))),
  );
  const count = (steps: RunnerSteps) => steps.beforeGuarded.length + steps.afterGuarded.length + steps.inCatch.length + steps.inFinally.length;
  const busiest = facts.runnerBodies
    .flatMap((body) =>
      Object.entries(body.steps)
        .filter(([key]) => chosen.has(key))
        .map(([, steps]) => ({ body, steps })),
    )
    .sort((a, b) => Number(a.body.runnerClass === undefined) - Number(b.body.runnerClass === undefined) || count(b.steps) - count(a.steps))[0];
  const runner = proposeRunner(busiest, configDir, reasons);
  // The lifecycle: a state union declared beside a guarded type, else one named like a plugin's
  // lifecycle, before any other `…State` (a connection's or a job's).
  const guardFiles = new Set(guards.map((g) => path.resolve(configDir, g.type.from as string)));
  const rank = (union: (typeof facts.stateUnions)[number]) =>
    guardFiles.has(union.file)
      ? 0
      : [...guardFiles].some((f) => path.dirname(f) === path.dirname(union.file))
        ? 1
        : /lifecycle|plugin/i.test(union.name)
          ? 2
          : 3;
  const lifecycle = [...facts.stateUnions].sort((a, b) => rank(a) - rank(b))[0];
  if (lifecycle)
    reasons.push(
      `lifecycle: ${lifecycle.name} (${rel(configDir, lifecycle.file)}) is a union of ${plural(lifecycle.states.length, 'state')}: ${lifecycle.states.join(', ')}.`,
    );
  else reasons.push('lifecycle: no union of string literals named *State or *Status; valid-lifecycle-states is off.');
  const sharedFiles = new Set([...guards.map((g) => path.resolve(configDir, g.type.from as string)), ...(lifecycle ? [lifecycle.file] : [])]);
  const { layers, skipped, sharedFolders } = proposeLayers(facts.files, facts.imports, sharedFiles, configDir);
  if (layers.length > 1) {
    reasons.push(`layers (top first; each may use itself and the next one down): ${layers.map((l) => l.name).join(' → ')}`);
    for (const layer of layers) reasons.push(`  ${layer.name} (${layer.glob}): ${layer.reason}`);
  } else reasons.push('layers: fewer than two folders import one another; no-layer-bypass is off.');
  if (skipped.length > 0) reasons.push(`  left out of the layers (no imports to or from other folders): ${skipped.join(', ')}`);
  const shared = [...[...sharedFiles].map((f) => rel(configDir, f)), ...(layers.length > 1 ? sharedFolders : [])].sort();
  reasons.push(`shared (any layer may use them; utility folders imported across levels included): ${shared.join(', ') || 'none'}`);
  const config: ConfigInput = {
    $schema: './node_modules/@execgov/core/schema.json',
    ...(guards.length > 0 ? { guards } : {}),
    ...(layers.length > 1 ? { layers: layers.map((l) => ({ name: l.name, files: [l.glob] })) } : {}),
    shared,
    ...(runner ?? {}),
    ...(lifecycle ? { lifecycle: { type: { name: lifecycle.name, from: rel(configDir, lifecycle.file) }, states: lifecycle.states } } : {}),
    rules: {
      'no-direct-plugin-run': guards.length > 0 ? 'error' : 'off',
      'no-layer-bypass': layers.length > 1 ? 'error' : 'off',
      'tool-runner-invariants': runner ? 'error' : 'off',
      'valid-lifecycle-states': lifecycle ? 'error' : 'off',
    },
  };
  return { config, reasons };
}
