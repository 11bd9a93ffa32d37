import * as path from 'node:path';
import picomatch from 'picomatch';
import type * as ts from 'typescript';
import { toPosix } from '../paths.js';
import { isAtOrBelow } from '../files.js';
import { createDeclaringFileNameTest, createDeclaringFileTest, packageInNodeModules } from '../types/declaring-file.js';
import { createRuleContext } from '../context.js';
import type { RuleContext, TypeScriptModule } from '../types.js';
import type { TypeSpecifier } from './schema.js';
import { didYouMean, nearest } from './suggest.js';
import { CHECKED_SECTIONS, type ConfigIssue, type ResolvedConfig } from './validate.js';

/**
 * What one program says about one config entry (keyed by its JSON path). `ok` entries hold in this
 * program. A problem's `scope` says whether another program could settle it: `'presence'` (the
 * entry matched nothing here: a glob without files, a type whose declaring files are elsewhere)
 * or `'content'` (the files are here and the entry is wrong about them).
 */
export type ConfigCheckOutcome =
  | { path: string; ok: true }
  | {
      path: string;
      ok: false;
      scope: 'presence' | 'content';
      message: string;
      /** For a glob that matched nothing: the directory below which it can match anything (absolute). */
      globBase?: string;
    };

type Outcomes = ConfigCheckOutcome[];

type NamedDeclaration = ts.InterfaceDeclaration | ts.ClassLikeDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

const LIST_LIMIT = 8;

function quoteList(names: readonly string[]): string {
  const shown = names.slice(0, LIST_LIMIT).map((name) => `\`${name}\``);
  return names.length > LIST_LIMIT ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Every interface, class, type alias and enum a file declares (namespaces and `declare module` included), without recursion. */
function namedDeclarations(tsm: RuleContext['ts'], sourceFile: ts.SourceFile): NamedDeclaration[] {
  const found: NamedDeclaration[] = [];
  const pending: ts.Node[] = [...sourceFile.statements];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (tsm.isInterfaceDeclaration(node) || tsm.isClassLike(node) || tsm.isTypeAliasDeclaration(node) || tsm.isEnumDeclaration(node)) {
      if (node.name) found.push(node);
    } else if (tsm.isModuleDeclaration(node) && node.body) {
      if (tsm.isModuleBlock(node.body)) pending.push(...node.body.statements);
      else pending.push(node.body);
    }
  }
  return found;
}

/** Every class (declaration or expression) anywhere in a file, walked without recursion. */
function classesIn(tsm: RuleContext['ts'], sourceFile: ts.SourceFile): ts.ClassLikeDeclaration[] {
  const found: ts.ClassLikeDeclaration[] = [];
  const pending: ts.Node[] = [sourceFile];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (tsm.isClassLike(node)) found.push(node);
    tsm.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  return found;
}

function memberName(tsm: RuleContext['ts'], member: ts.ClassElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (tsm.isIdentifier(name) || tsm.isStringLiteral(name) || tsm.isNumericLiteral(name)) return name.text;
  if (tsm.isPrivateIdentifier(name)) return name.text.slice(1);
  return undefined;
}

/** What a check may consult besides its program. */
export interface CheckScope {
  /**
   * Every file of the whole program, when the checked one is rooted at a few of them (an incremental
   * scan): a glob is satisfied by any of these, and an entry about files the checked program does
   * not hold (a guard type declared elsewhere) gets no outcome here: undecided, not wrong.
   */
  programFiles?: readonly string[] | undefined;
}

/**
 * Checks the sections a config writes against one program: every guard and lifecycle type resolves
 * to a declaration, every guarded member exists on it, every glob matches a file of the program,
 * the runner class and method exist, every state is a member of a literal-union or enum lifecycle
 * type. Only sections read by an enabled rule are checked. Never throws for bad input.
 */
export function checkConfigAgainstProgram(ctx: RuleContext, { programFiles }: CheckScope = {}): Outcomes {
  const { ts: tsm, program, checker, config } = ctx;
  const outcomes: Outcomes = [];
  const ok = (at: string) => outcomes.push({ path: at, ok: true });
  const problem = (at: string, scope: 'presence' | 'content', message: string, globBase?: string) =>
    outcomes.push({ path: at, ok: false, scope, message, ...(globBase === undefined ? {} : { globBase }) });

  const files = program.getSourceFiles().filter((file) => !program.isSourceFileDefaultLibrary(file));
  // Suggestions come from the project's own files, never from node_modules: this program's, and
  // those of the whole program when this one is rooted at a few files (a warm --cache scan), so
  // both scans suggest the same.
  const isProjectFile = (file: ts.SourceFile) => !program.isSourceFileFromExternalLibrary(file) && !toPosix(file.fileName).includes('/node_modules/');
  const projectFiles = files.filter(isProjectFile);
  // Suggestions only: computed on the first problem that needs them.
  let suggestableCache: string[] | undefined;
  const suggestable = (): string[] => {
    if (suggestableCache) return suggestableCache;
    const names = new Set(projectFiles.map((file) => file.fileName));
    for (const fileName of programFiles ?? []) {
      const held = program.getSourceFile(fileName);
      if (held ? isProjectFile(held) && !program.isSourceFileDefaultLibrary(held) : !toPosix(fileName).includes('/node_modules/')) names.add(fileName);
    }
    return (suggestableCache = [...names]);
  };
  // The files this program holds, by their forward-slash name: built once, on first need.
  let heldFilesCache: Set<string> | undefined;
  const heldFiles = () => (heldFilesCache ??= new Set(files.map((file) => toPosix(file.fileName))));
  let relativeFilesCache: string[] | undefined;
  const relativeFiles = () => (relativeFilesCache ??= suggestable().map((fileName) => ctx.relativePath(fileName)));
  let relativeDirsCache: string[] | undefined;
  const relativeDirs = () =>
    (relativeDirsCache ??= [
      ...new Set(
        relativeFiles().flatMap((file) => {
          const dirs: string[] = [];
          for (let dir = path.posix.dirname(file); dir !== '.' && dir !== '/' && !dirs.includes(dir); dir = path.posix.dirname(dir)) dirs.push(dir);
          return dirs;
        }),
      ),
    ]);
  const configShown = config.configFile ? toPosix(path.basename(config.configFile)) : 'the defaults';
  const enabled = (rule: keyof typeof config.rules) => config.rules[rule] !== 'off';
  const explicit = (section: (typeof config.explicit)[number]) => config.explicit.includes(section);

  const globSuggestion = (glob: string): string => {
    const scan = picomatch.scan(glob);
    if (!scan.isGlob) return didYouMean(glob, relativeFiles());
    // A glob: swap its directory part for the nearest directory that makes it match a file.
    const base = scan.base.replace(/\/$/, '');
    const rest = glob.slice(scan.base.length).replace(/^\//, '');
    const options = nearest(base, relativeDirs(), 10)
      .map((dir) => `${dir}/${rest}`)
      .filter((candidate) => suggestable().some((fileName) => ctx.matches(fileName, [candidate])));
    return options.length === 0
      ? ''
      : `; did you mean ${options
          .slice(0, 3)
          .map((c) => `\`${c}\``)
          .join(' or ')}?`;
  };

  /**
   * Checks one glob; returns the files it matches (only the first one unless `all`: most entries
   * need only to match something), or undefined when only files outside this program match.
   */
  const checkGlob = (at: string, glob: string, { all = false }: { all?: boolean } = {}): ts.SourceFile[] | undefined => {
    if (path.isAbsolute(glob) || /^[A-Za-z]:[\\/]/.test(glob)) {
      const suggestion = toPosix(path.relative(config.configDir, glob));
      problem(at, 'content', `"${glob}" is an absolute path, but paths in ${configShown} are relative to its directory; write "${suggestion}"`);
      return [];
    }
    const matches = (file: ts.SourceFile) => ctx.matches(file.fileName, [glob]);
    const first = all ? undefined : files.find(matches);
    const matched = all ? files.filter(matches) : first ? [first] : [];
    if (matched.length > 0) {
      ok(at);
      // Every file the glob names must be here to judge what they declare (a runner glob over a
      // folder, of which a rooted program holds one file): otherwise it is undecided.
      if (all && programFiles) {
        if (programFiles.some((fileName) => !heldFiles().has(toPosix(fileName)) && ctx.matches(fileName, [glob]))) return undefined;
      }
    } else if (programFiles?.some((fileName) => ctx.matches(fileName, [glob]))) {
      ok(at);
      return all ? undefined : [];
    } else {
      const message = `no file of the program matches "${glob}" (relative to ${toPosix(config.configDir)})${globSuggestion(glob)}`;
      problem(at, 'presence', message, path.resolve(config.configDir, picomatch.scan(glob).base));
    }
    return matched;
  };

  const shownFiles = (declaring: readonly ts.SourceFile[]) => {
    const names = declaring.map((file) => ctx.relativePath(file.fileName));
    return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  };

  /** Resolves a type specifier to its declarations, reporting each problem; empty when not found. */
  const checkType = (at: string, spec: TypeSpecifier): NamedDeclaration[] | undefined => {
    let declaring: ts.SourceFile[];
    if (spec.from !== undefined) {
      const found = checkGlob(`${at}.from`, spec.from, { all: true });
      if (found === undefined) return undefined;
      declaring = found;
      if (declaring.length === 0) return [];
    } else {
      const isDeclaringFile = createDeclaringFileTest(ctx, spec);
      declaring = files.filter((file) => file.text.includes(spec.name) && isDeclaringFile(file));
      if (declaring.length === 0 && !files.some(isDeclaringFile)) {
        if (programFiles) {
          const isDeclaringName = createDeclaringFileNameTest(ctx, spec);
          if (programFiles.some((fileName) => isDeclaringName(toPosix(fileName)))) {
            ok(`${at}.package`);
            return undefined;
          }
        }
        const packages = files.map((file) => packageInNodeModules(toPosix(file.fileName))).filter((name): name is string => name !== undefined);
        problem(`${at}.package`, 'presence', `no file of the program belongs to the package "${spec.package}"${didYouMean(spec.package ?? '', packages)}`);
        return [];
      }
      ok(`${at}.package`);
    }
    const declared = declaring.flatMap((file) => namedDeclarations(tsm, file));
    const matching = declared.filter((declaration) => declaration.name?.text === spec.name);
    if (matching.length > 0) {
      ok(`${at}.name`);
      return matching;
    }
    const where = spec.from !== undefined ? shownFiles(declaring) : `the package "${spec.package}"`;
    const names = declared.map((declaration) => declaration.name!.text);
    let message = `no type \`${spec.name}\` in ${where}${didYouMean(spec.name, names)}`;
    if (!message.endsWith('?')) {
      const elsewhere = projectFiles.filter((file) => file.text.includes(spec.name) && namedDeclarations(tsm, file).some((d) => d.name?.text === spec.name));
      if (elsewhere.length > 0) message += `; \`${spec.name}\` is declared in ${shownFiles(elsewhere)}`;
      else if (names.length > 0) message += ` (it declares ${quoteList(names)})`;
    }
    problem(`${at}.name`, 'content', message);
    return [];
  };

  const typeOf = (declaration: NamedDeclaration): ts.Type | undefined => {
    const symbol = declaration.name ? checker.getSymbolAtLocation(declaration.name) : undefined;
    return symbol ? checker.getDeclaredTypeOfSymbol(symbol) : undefined;
  };

  /**
   * Property names of the declared types (inherited, mapped and computed keys: the checker's view),
   * with a class's static members (`Plugin.run` on the class itself is guarded too); undefined when
   * any name goes (index signature).
   */
  const memberNames = (declarations: readonly NamedDeclaration[]): Set<string> | undefined => {
    const names = new Set<string>();
    for (const declaration of declarations) {
      const type = typeOf(declaration);
      if (!type) continue;
      const symbol = tsm.isClassLike(declaration) && declaration.name ? checker.getSymbolAtLocation(declaration.name) : undefined;
      const statics = symbol ? [checker.getTypeOfSymbolAtLocation(symbol, declaration)] : [];
      for (const part of [...(type.isUnion() ? type.types : [type]), ...statics]) {
        if (checker.getIndexInfosOfType(part).some((info) => info.keyType.flags & tsm.TypeFlags.String)) return undefined;
        for (const property of checker.getPropertiesOfType(checker.getApparentType(part))) {
          if (!(statics.includes(part) && property.getName() === 'prototype')) names.add(property.getName());
        }
      }
    }
    return names;
  };

  if (explicit('guards') && (enabled('no-direct-plugin-run') || enabled('tool-runner-invariants'))) {
    config.guards.forEach((guard, index) => {
      const at = `$.guards[${index}]`;
      const declarations = checkType(`${at}.type`, guard.type) ?? [];
      const names = declarations.length > 0 ? memberNames(declarations) : undefined;
      // "*" names every member the type declares: there is no name to look for.
      if (names && guard.members !== '*') {
        const where = `${guard.type.name}\` (${shownFiles([...new Set(declarations.map((d) => d.getSourceFile()))])})`;
        guard.members.forEach((member, i) => {
          if (names.has(member)) ok(`${at}.members[${i}]`);
          else
            problem(
              `${at}.members[${i}]`,
              'content',
              `no member \`${member}\` on \`${where}${didYouMean(member, names) || ` (its members: ${quoteList([...names])})`}`,
            );
        });
      }
      guard.allowIn.forEach((glob, i) => checkGlob(`${at}.allowIn[${i}]`, glob));
    });
  }

  if (enabled('no-layer-bypass')) {
    if (explicit('layers')) config.layers.forEach((layer, index) => layer.files.forEach((glob, i) => checkGlob(`$.layers[${index}].files[${i}]`, glob)));
    if (explicit('shared')) config.shared.forEach((glob, i) => checkGlob(`$.shared[${i}]`, glob));
  }

  if (explicit('runner') && enabled('tool-runner-invariants')) {
    const { runner } = config;
    const runnerFiles = checkGlob('$.runner.file', runner.file, { all: true });
    if (runnerFiles && runnerFiles.length > 0) {
      const classes = runnerFiles.flatMap((file) => classesIn(tsm, file));
      const named = classes.filter((cls) => cls.name?.text === runner.class);
      if (named.length === 0) {
        const names = classes.flatMap((cls) => (cls.name ? [cls.name.text] : []));
        const hint = didYouMean(runner.class, names) || (names.length > 0 ? ` (it declares ${quoteList(names)})` : ' (it declares no class)');
        problem('$.runner.class', 'content', `no class \`${runner.class}\` in ${shownFiles(runnerFiles)}${hint}`);
      } else {
        ok('$.runner.class');
        const members = named.flatMap((cls) => cls.members.map((member) => memberName(tsm, member)).filter((name): name is string => name !== undefined));
        if (members.includes(runner.method)) ok('$.runner.method');
        else {
          const hint = didYouMean(runner.method, members) || (members.length > 0 ? ` (its members: ${quoteList(members)})` : '');
          problem(
            '$.runner.method',
            'content',
            `class \`${runner.class}\` (${shownFiles([...new Set(named.map((c) => c.getSourceFile()))])}) has no member \`${runner.method}\`${hint}`,
          );
        }
      }
    }
  }

  if (explicit('lifecycle') && enabled('valid-lifecycle-states')) {
    const { lifecycle } = config;
    const declarations = checkType('$.lifecycle.type', lifecycle.type) ?? [];
    const declaredIn = shownFiles([...new Set(declarations.map((d) => d.getSourceFile()))]);
    const values = lifecycleValues(ctx, declarations.map(typeOf));
    if (values) {
      lifecycle.states.forEach((state, i) => {
        if (values.includes(state)) ok(`$.lifecycle.states[${i}]`);
        else {
          const hint = didYouMean(state, values) || ` (its members: ${quoteList(values)})`;
          problem(`$.lifecycle.states[${i}]`, 'content', `"${state}" is not a member of \`${lifecycle.type.name}\` (${declaredIn})${hint}`);
        }
      });
    }
  }

  // Paths in a config are relative to its directory: one above or beside every project matches nothing it names.
  if (config.configFile !== null && config.explicit.length > 0) {
    const dir = toPosix(config.configDir).replace(/\/?$/, '/');
    if (projectFiles.some((file) => toPosix(file.fileName).startsWith(dir)) || programFiles?.some((fileName) => toPosix(fileName).startsWith(dir))) ok('$');
    else {
      const tsconfig = program.getCompilerOptions().configFilePath;
      const root = typeof tsconfig === 'string' ? toPosix(path.dirname(tsconfig)) : toPosix(program.getCurrentDirectory());
      problem(
        '$',
        // Asked of every file of the whole program (a scan's), the answer is final; of one program, another may settle it.
        programFiles ? 'content' : 'presence',
        `the config file is outside every project's root: its paths are relative to ${toPosix(config.configDir)}, which holds no file of the program (rooted at ${root}); move it to the project's root or pass one there with --config`,
      );
    }
  }
  return outcomes;
}

/** String values of a literal-union or enum type (numbers as text), or undefined for any other type. */
function lifecycleValues(ctx: RuleContext, types: ReadonlyArray<ts.Type | undefined>): string[] | undefined {
  const values: string[] = [];
  for (const type of types) {
    if (!type) continue;
    const members = type.isUnion() ? type.types : [type];
    if (!members.every((member) => member.isLiteral())) return undefined;
    for (const member of members) values.push(String((member as ts.LiteralType).value));
  }
  return values.length > 0 ? values : undefined;
}

/**
 * The problems that hold across programs: an entry is a problem only when no program found it
 * right (a glob matched by any program, a type resolved by any, is fine). `onlyContent` keeps
 * only problems about files the programs hold, for a front end that sees one program of several.
 */
export function combineConfigChecks(
  checks: ReadonlyArray<readonly ConfigCheckOutcome[]>,
  {
    onlyContent = false,
    sees,
  }: {
    onlyContent?: boolean;
    /** With `onlyContent`: a glob whose base directory the caller sees every file below still counts when it matched nothing. */
    sees?: (directory: string) => boolean;
  } = {},
): ConfigIssue[] {
  const settled = new Set<string>();
  const problems = new Map<string, ConfigIssue>();
  for (const outcomes of checks) {
    for (const outcome of outcomes) {
      if (outcome.ok) settled.add(outcome.path);
      else if (!problems.has(outcome.path) && !(onlyContent && outcome.scope === 'presence' && !(outcome.globBase !== undefined && sees?.(outcome.globBase)))) {
        problems.set(outcome.path, { path: outcome.path, message: outcome.message });
      }
    }
  }
  return [...problems.values()].filter((issue) => !settled.has(issue.path));
}

/**
 * True when `program` holds every file `config` can name: its tsconfig sits at or above the
 * config's directory. A program below it (one package of a monorepo under a root config) cannot
 * tell a glob of another package from a typo.
 */
export function programCoversConfig(program: ts.Program, configDir: string): boolean {
  const tsconfig = program.getCompilerOptions().configFilePath;
  return typeof tsconfig === 'string' && isAtOrBelow(configDir, path.dirname(tsconfig));
}

/**
 * True when `config` names nothing this program has: no guard type, layer file, runner file or
 * lifecycle type it would check is here (shared modules alone check nothing). Meant for the
 * defaults, which apply where no config file exists and whose sections are otherwise not checked:
 * a scan under them would pass while checking nothing at all.
 */
export function configChecksNothing(tsm: TypeScriptModule, program: ts.Program, config: ResolvedConfig): boolean {
  const everything: ResolvedConfig = { ...config, explicit: [...CHECKED_SECTIONS] };
  const outcomes = checkConfigAgainstProgram(createRuleContext(tsm, program, everything));
  return !outcomes.some((outcome) => outcome.ok && /^\$\.(guards|layers|runner|lifecycle)\b/.test(outcome.path));
}
