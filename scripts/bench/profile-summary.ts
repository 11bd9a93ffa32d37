/** The parts of a V8 `.cpuprofile` this summary reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number }; children?: number[] }>;
  samples: number[];
  timeDeltas: number[];
}

interface Frame {
  fn: string;
  url: string;
}

/** Where a sample's time went, decided from its whole stack (outermost match wins). */
interface Attribution {
  phase: string;
  /** For samples inside a rule: the first TypeScript function the rule called (a checker API). */
  checkerEntry: string | undefined;
  self: string;
}

// A rule's file, or any file in its folder (rules/<id>/…); rules/index.js is the registry, not a rule.
// Compiled (dist/*.js), or the source a bundle's map points to (src/*.ts).
const RULE_URL = /(?:core|eslint-plugin)\/(?:dist|src)\/rules\/(?!index\.[jt]s$)([\w-]+)(?:\.[jt]s$|\/)/;
const isTypeScript = (url: string): boolean => /typescript\.js$/.test(url);
// Every stack starts in node:internal/modules (the main module runs from there), so loading is
// recognised by the frames that compile or link a module, wherever they sit in the stack.
const isLoading = (f: Frame): boolean =>
  /^(?:Module\._load|Module\._compile|wrapSafe|compileSourceTextModule)$/.test(f.fn) || /cjs-module-lexer|esm\/translators/.test(f.url);

function base(url: string): string {
  return url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/packages\//, 'packages/');
}

function attribute(stack: readonly Frame[]): Attribution {
  const leaf = stack.at(-1) ?? { fn: '(unknown)', url: '' };
  const self = `${leaf.fn || '(anonymous)'} ${base(leaf.url)}`.trim();
  // Deepest match: an ESLint adapter (outer) may trigger a shared analysis running every core rule.
  const ruleAt = stack.findLastIndex((f) => RULE_URL.test(f.url));
  if (ruleAt !== -1) {
    const rule = RULE_URL.exec(stack[ruleAt]!.url)![1]!;
    // The API a rule called is the first TypeScript frame after the rule's deepest own frame;
    // earlier TypeScript frames are only ts.forEachChild calling back into the rule.
    let deepestOwn = ruleAt;
    stack.forEach((f, i) => {
      if (i > ruleAt && !isTypeScript(f.url) && f.url !== '') deepestOwn = i;
    });
    const entry = stack.slice(deepestOwn + 1).find((f) => isTypeScript(f.url));
    const walking = !entry || /^forEachChild/.test(entry.fn);
    return {
      phase: `rule ${rule}: ${walking ? 'own code + AST walk' : 'checker calls'}`,
      checkerEntry: walking ? undefined : `${rule} → ${entry.fn}`,
      self,
    };
  }
  const has = (names: readonly string[]) => stack.some((f) => names.includes(f.fn));
  // Checker creation first: the core's createRuleContext is what triggers it in the scanner.
  const phase = has(['createTypeChecker', 'initializeTypeChecker'])
    ? 'checker creation (binding all files)'
    : stack.some((f) => /core\/(?:dist|src)\//.test(f.url))
      ? 'core outside rules (suppressions, findings, context)'
      : has(['createProgram'])
        ? 'program creation (read, parse, resolve modules)'
        : has(['createSourceFile'])
          ? 'parsing files outside createProgram (ts-morph adds them first)'
          : stack.some(isLoading)
            ? 'module loading (startup)'
            : stack.some((f) => f.url.includes('typescript-estree'))
              ? 'typescript-eslint parser (AST conversion, project service)'
              : stack.some((f) => f.url.includes('ts-morph'))
                ? 'ts-morph, other (tsconfig, file system, wrappers)'
                : leaf.fn === '(garbage collector)'
                  ? 'garbage collection'
                  : stack.some((f) => /\/eslint\/lib\//.test(f.url))
                    ? 'ESLint itself (traversal, config, reporting)'
                    : 'other (startup, output)';
  return { phase, checkerEntry: undefined, self };
}

function table(title: string, totals: Map<string, number>, all: number, limit: number, minShare = 0): string {
  // Tiny rows are mostly syntax helpers (ts.isIdentifier…) caught mid-sample, not checker work.
  const rows = [...totals]
    .filter(([, us]) => us >= minShare * all)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
  return [title, ...rows.map(([name, us]) => `  ${(us / 1e6).toFixed(2).padStart(7)} s ${((100 * us) / all).toFixed(1).padStart(5)}%  ${name}`)].join('\n');
}

/** Sampled CPU time of one profile, grouped three ways (microseconds). */
export interface ProfileTotals {
  total: number;
  phases: Map<string, number>;
  /** `rule → checker API` for samples inside a rule that were in the checker. */
  entries: Map<string, number>;
  selfTimes: Map<string, number>;
}

/** Attributes every sample of the profile to a phase, a checker entry point and a function. */
export function totalsOf(profile: CpuProfile): ProfileTotals {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  const memo = new Map<number, Attribution>();
  const attributionOf = (id: number): Attribution => {
    let found = memo.get(id);
    if (!found) {
      const stack: Frame[] = [];
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)!.callFrame;
        stack.unshift({ fn: frame.functionName, url: frame.url });
      }
      found = attribute(stack);
      memo.set(id, found);
    }
    return found;
  };
  const totals: ProfileTotals = { total: 0, phases: new Map(), entries: new Map(), selfTimes: new Map() };
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  profile.samples.forEach((id, i) => {
    // V8 occasionally records a negative delta; it is clock jitter, not time.
    const us = Math.max(0, profile.timeDeltas[i] ?? 0);
    const a = attributionOf(id);
    if (a.self.startsWith('(idle)')) return;
    totals.total += us;
    add(totals.phases, a.phase, us);
    add(totals.selfTimes, a.self, us);
    if (a.checkerEntry) add(totals.entries, a.checkerEntry, us);
  });
  return totals;
}

/** Time by phase, by rule × checker entry point, and the hottest functions, as plain text. */
export function summarizeProfile(profile: CpuProfile): string {
  const { total, phases, entries, selfTimes } = totalsOf(profile);
  return [
    `sampled CPU time: ${(total / 1e6).toFixed(2)} s`,
    table('by phase:', phases, total, 20),
    table('inside rules, by the checker API the rule called (inclusive; rows ≥ 0.5%):', entries, total, 12, 0.005),
    table('hottest functions (self time):', selfTimes, total, 15),
  ].join('\n\n');
}

/** One row of the split: a share of sampled CPU time. */
export interface SplitRow {
  part: string;
  seconds: number;
  share: number;
}

const RULE_PHASE = /^rule ([\w-]+): (own code \+ AST walk|checker calls)$/;

/**
 * The split docs/benchmarks.md shows for every profiled tool: module load, parse, bind, each rule
 * (its own code and AST walk), the checker (what the rules asked of it), then the rest.
 */
export function profileSplit(totals: ProfileTotals): SplitRow[] {
  const sum = (test: (phase: string) => boolean) => [...totals.phases].reduce((acc, [phase, us]) => acc + (test(phase) ? us : 0), 0);
  const known = new Set<string>();
  const part = (name: string, test: (phase: string) => boolean) => {
    for (const phase of totals.phases.keys()) if (test(phase)) known.add(phase);
    return { part: name, us: sum(test) };
  };
  const rules = [...new Set([...totals.phases.keys()].flatMap((phase) => RULE_PHASE.exec(phase)?.[1] ?? []))].sort();
  const rows = [
    part('module load (startup)', (p) => p === 'module loading (startup)'),
    part('parse (program creation, and any parse before it)', (p) => p.startsWith('program creation') || p.startsWith('parsing files outside')),
    part('bind (checker creation)', (p) => p.startsWith('checker creation')),
    ...rules.map((rule) => part(`rule \`${rule}\`: own code and AST walk`, (p) => p === `rule ${rule}: own code + AST walk`)),
    part('the checker, asked by the rules', (p) => RULE_PHASE.exec(p)?.[2] === 'checker calls'),
    part('core outside rules (traversal, suppressions, findings)', (p) => p.startsWith('core outside rules')),
    part('typescript-eslint parser (AST conversion, project service)', (p) => p.startsWith('typescript-eslint parser')),
    part('ESLint itself (traversal, config, reporting)', (p) => p.startsWith('ESLint itself')),
    part('garbage collection', (p) => p === 'garbage collection'),
  ];
  rows.push({ part: 'other (output, unattributed)', us: sum((p) => !known.has(p)) });
  return rows
    .filter((row) => row.us > 0 || !/typescript-eslint|ESLint itself/.test(row.part))
    .map((row) => ({ part: row.part, seconds: row.us / 1e6, share: totals.total > 0 ? row.us / totals.total : 0 }));
}
