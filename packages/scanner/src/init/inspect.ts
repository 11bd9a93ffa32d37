import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Morph from 'ts-morph';
import type { ProjectPlan } from '../load-projects.js';

/** A class whose name says it runs things: the place guarded calls are meant to happen. */
export const RUNNER_CLASS_NAME = /(Runner|Executor|Driver)(Impl|Service)?$/;

/** A file whose name says it runs things (`tool-runner.ts`): its functions are runner code too. */
export const RUNNER_FILE_NAME = /(runner|executor|driver)/i;

/** One call of a member of a project type, from inside a runner-like class. */
export interface RunnerCall {
  typeName: string;
  typeKind: 'interface' | 'class' | 'abstract class' | 'type alias';
  /** Absolute file declaring the type. */
  typeFile: string;
  member: string;
  /** The runner class; undefined for a function in a runner-named file. */
  runnerClass: string | undefined;
  /** The method (or function) making the call. */
  runnerMethod: string;
  /** Absolute file of the runner. */
  runnerFile: string;
}

/** Names of functions a runner calls, by where they sit relative to one guarded call. */
export interface RunnerSteps {
  beforeGuarded: string[];
  afterGuarded: string[];
  inCatch: string[];
  inFinally: string[];
}

/** A runner method (or function) and, per guarded member it calls (`memberKey`), its steps. */
export interface RunnerBody {
  runnerClass: string | undefined;
  runnerMethod: string;
  runnerFile: string;
  steps: Record<string, RunnerSteps>;
}

/**
 * An import between two project files. Type-only imports count too: they show which way a
 * folder depends even where values are wired together elsewhere (dependency injection).
 */
export interface FileImport {
  from: string;
  to: string;
}

/** A union of string literals that reads like a lifecycle (`…State`, `…Status`). */
export interface StateUnion {
  name: string;
  file: string;
  states: string[];
}

/** What `init` learned from the programs. */
export interface ProjectFacts {
  files: string[];
  runnerCalls: RunnerCall[];
  runnerBodies: RunnerBody[];
  /** Every call site (file) of each `typeFile#typeName.member` found in runner calls. */
  callSites: Map<string, string[]>;
  imports: FileImport[];
  stateUnions: StateUnion[];
}

/** Key of a guarded member in `callSites`. */
export function memberKey(typeFile: string, typeName: string, member: string): string {
  return `${typeFile}#${typeName}.${member}`;
}

// ts-morph is loaded here only, when `init` runs: scans never pay for it.
function loadTsMorph(): typeof Morph {
  return createRequire(import.meta.url)('ts-morph') as typeof Morph;
}

function isProjectFile(file: Morph.SourceFile): boolean {
  return !file.isDeclarationFile() && !file.isFromExternalLibrary() && !file.getFilePath().includes('/node_modules/');
}

/** The project type declaring a called member, if the member belongs to one. */
function declaringType(
  morph: typeof Morph,
  access: Morph.PropertyAccessExpression,
): { name: string; kind: RunnerCall['typeKind']; file: Morph.SourceFile } | undefined {
  for (const declaration of access.getNameNode().getSymbol()?.getDeclarations() ?? []) {
    const owner = declaration.getParent();
    const file = declaration.getSourceFile();
    if (!owner || !isProjectFile(file)) continue;
    if (morph.Node.isInterfaceDeclaration(owner)) return { name: owner.getName(), kind: 'interface', file };
    if (morph.Node.isClassDeclaration(owner) && owner.getName())
      return { name: owner.getName() as string, kind: owner.isAbstract() ? 'abstract class' : 'class', file };
    const alias = owner.getParent();
    if (morph.Node.isTypeLiteral(owner) && alias && morph.Node.isTypeAliasDeclaration(alias)) return { name: alias.getName(), kind: 'type alias', file };
  }
  return undefined;
}

function calledName(morph: typeof Morph, call: Morph.CallExpression): string | undefined {
  const callee = call.getExpression();
  if (morph.Node.isIdentifier(callee)) return callee.getText();
  if (morph.Node.isPropertyAccessExpression(callee)) return callee.getName();
  return undefined;
}

/**
 * True for a call whose result the runner uses (assigned, returned, passed on). A runner runs
 * something to get its result; calls made for their side effect (`logger.warn(…)`) and calls in
 * catch or finally blocks (error handling, bookkeeping) are not what it runs.
 */
function isRunCall(morph: typeof Morph, call: Morph.CallExpression): boolean {
  let node: Morph.Node = call;
  let parent = node.getParent();
  while (parent && (morph.Node.isAwaitExpression(parent) || morph.Node.isParenthesizedExpression(parent))) {
    node = parent;
    parent = node.getParent();
  }
  if (!parent || morph.Node.isExpressionStatement(parent) || morph.Node.isVoidExpression(parent)) return false;
  for (const block of call.getAncestors()) {
    if (morph.Node.isCatchClause(block)) return false;
    const owner = block.getParent();
    if (morph.Node.isBlock(block) && owner && morph.Node.isTryStatement(owner) && owner.getFinallyBlock() === block) return false;
  }
  return true;
}

/**
 * `this` or `this.logger`: the runner's own collaborators, not what it runs. What it runs comes
 * in as a parameter or is looked up (`plugin.run()`, `record.plugin.run()`,
 * `this.registry.get(id).run()`).
 */
function isOwnCollaborator(morph: typeof Morph, receiver: Morph.Expression): boolean {
  if (morph.Node.isThisExpression(receiver)) return true;
  return morph.Node.isPropertyAccessExpression(receiver) && morph.Node.isThisExpression(receiver.getExpression());
}

/** A method of a runner-named class, or a function of a runner-named file. */
interface RunnerUnit {
  runnerClass: string | undefined;
  name: string;
  node: Morph.Node;
}

function runnerUnits(morph: typeof Morph, file: Morph.SourceFile): RunnerUnit[] {
  const units: RunnerUnit[] = [];
  for (const runner of file.getClasses()) {
    const runnerClass = runner.getName();
    if (runnerClass && RUNNER_CLASS_NAME.test(runnerClass))
      for (const method of runner.getMethods()) units.push({ runnerClass, name: method.getName(), node: method });
  }
  if (!RUNNER_FILE_NAME.test(file.getBaseNameWithoutExtension())) return units;
  for (const fn of file.getFunctions()) {
    const name = fn.getName();
    if (name) units.push({ runnerClass: undefined, name, node: fn });
  }
  for (const variable of file.getVariableDeclarations()) {
    const init = variable.getInitializer();
    if (init && (morph.Node.isArrowFunction(init) || morph.Node.isFunctionExpression(init)))
      units.push({ runnerClass: undefined, name: variable.getName(), node: init });
  }
  return units;
}

function stepsAround(morph: typeof Morph, unit: RunnerUnit, first: Morph.CallExpression, guardedCalls: readonly Morph.CallExpression[]): RunnerSteps {
  const steps: RunnerSteps = { beforeGuarded: [], afterGuarded: [], inCatch: [], inFinally: [] };
  // Input validation runs first: before the guarded call, or inside its arguments. Output
  // validation runs on its result: after it, or wrapped around it (`check(await tool.run(x))`).
  const isBefore = (call: Morph.CallExpression): boolean => {
    if (call.getStart() <= first.getStart() && call.getEnd() >= first.getEnd()) return false;
    if (call.getStart() >= first.getStart() && call.getEnd() <= first.getEnd()) return true;
    return call.getEnd() <= first.getStart();
  };
  for (const call of unit.node.getDescendantsOfKind(morph.SyntaxKind.CallExpression)) {
    const name = calledName(morph, call);
    if (!name || guardedCalls.includes(call)) continue;
    const tryStatement = call.getFirstAncestorByKind(morph.SyntaxKind.TryStatement);
    if (tryStatement?.getFinallyBlock()?.containsRange(call.getPos(), call.getEnd())) steps.inFinally.push(name);
    else if (tryStatement?.getCatchClause()?.containsRange(call.getPos(), call.getEnd())) steps.inCatch.push(name);
    else if (isBefore(call)) steps.beforeGuarded.push(name);
    else steps.afterGuarded.push(name);
  }
  return steps;
}

function runnerBody(morph: typeof Morph, unit: RunnerUnit, guarded: readonly { call: Morph.CallExpression; key: string }[]): RunnerBody {
  const calls = guarded.map((g) => g.call);
  const steps: Record<string, RunnerSteps> = {};
  for (const { call, key } of [...guarded].sort((x, y) => x.call.getStart() - y.call.getStart())) {
    steps[key] ??= stepsAround(morph, unit, call, calls);
  }
  return { runnerClass: unit.runnerClass, runnerMethod: unit.name, runnerFile: unit.node.getSourceFile().getFilePath(), steps };
}

function stateUnion(morph: typeof Morph, alias: Morph.TypeAliasDeclaration): StateUnion | undefined {
  if (!/(State|Status)$/.test(alias.getName())) return undefined;
  const type = alias.getType();
  const members = type.isUnion() ? type.getUnionTypes() : [];
  if (members.length < 2 || !members.every((member) => member.isStringLiteral())) return undefined;
  return { name: alias.getName(), file: alias.getSourceFile().getFilePath(), states: members.map((member) => member.getLiteralValue() as string) };
}

/** Loads the planned programs with ts-morph and collects what `init` decides from. */
export function inspectProjects(plans: readonly ProjectPlan[]): ProjectFacts {
  const morph = loadTsMorph();
  const facts: ProjectFacts = { files: [], runnerCalls: [], runnerBodies: [], callSites: new Map(), imports: [], stateUnions: [] };
  const seen = new Set<string>();
  const projects = plans.map((plan) => new morph.Project({ tsConfigFilePath: plan.tsconfig }));
  const files = projects
    .flatMap((project) => project.getSourceFiles().filter(isProjectFile))
    .filter((file) => {
      if (seen.has(file.getFilePath())) return false;
      seen.add(file.getFilePath());
      return true;
    });
  for (const file of files) {
    facts.files.push(path.resolve(file.getFilePath()));
    for (const declaration of file.getImportDeclarations()) {
      const target = declaration.getModuleSpecifierSourceFile();
      if (target && isProjectFile(target)) facts.imports.push({ from: file.getFilePath(), to: target.getFilePath() });
    }
    for (const alias of file.getTypeAliases()) {
      const union = stateUnion(morph, alias);
      if (union) facts.stateUnions.push(union);
    }
    for (const unit of runnerUnits(morph, file)) {
      const guarded: { call: Morph.CallExpression; key: string }[] = [];
      for (const call of unit.node.getDescendantsOfKind(morph.SyntaxKind.CallExpression)) {
        const callee = call.getExpression();
        if (!morph.Node.isPropertyAccessExpression(callee) || isOwnCollaborator(morph, callee.getExpression()) || !isRunCall(morph, call)) continue;
        const owner = declaringType(morph, callee);
        if (!owner || owner.name === unit.runnerClass) continue;
        guarded.push({ call, key: memberKey(owner.file.getFilePath(), owner.name, callee.getName()) });
        facts.runnerCalls.push({
          typeName: owner.name,
          typeKind: owner.kind,
          typeFile: owner.file.getFilePath(),
          member: callee.getName(),
          runnerClass: unit.runnerClass,
          runnerMethod: unit.name,
          runnerFile: file.getFilePath(),
        });
      }
      if (guarded.length > 0) facts.runnerBodies.push(runnerBody(morph, unit, guarded));
    }
  }
  const wanted = new Set(facts.runnerCalls.map((call) => memberKey(call.typeFile, call.typeName, call.member)));
  for (const file of files) {
    for (const access of file.getDescendantsOfKind(morph.SyntaxKind.PropertyAccessExpression)) {
      if (!morph.Node.isCallExpression(access.getParent()) || (access.getParent() as Morph.CallExpression).getExpression() !== access) continue;
      const owner = declaringType(morph, access);
      const key = owner && memberKey(owner.file.getFilePath(), owner.name, access.getName());
      if (key && wanted.has(key)) facts.callSites.set(key, [...(facts.callSites.get(key) ?? []), file.getFilePath()]);
    }
  }
  return facts;
}
