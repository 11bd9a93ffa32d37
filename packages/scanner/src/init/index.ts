import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '@execgov/core/files';
import { core } from '../core-module.js';
import type { InitOptions } from '../args.js';
import { KnownError } from '../errors.js';
import { planProjects } from '../load-projects.js';
import { writeUserFile } from '../output-file.js';
import { escapeControl } from '../reporters/escape.js';
import { inspectProjects } from './inspect.js';
import { propose } from './propose.js';

/** Where run() writes; the same shape as RunIO's streams. */
interface InitIO {
  stdout: { write(chunk: string): unknown };
}

/**
 * `scan-execution-violations init`: inspects the project, writes a starter config and prints what
 * it chose and why. The config is validated by the core before it is written.
 */
export function runInit(options: InitOptions, cwd: string, io: InitIO): 0 {
  const target = path.resolve(cwd, options.output ?? CONFIG_FILE_NAME);
  const shown = path.relative(cwd, target).replace(/\\/g, '/');
  if (fs.existsSync(target) && !options.force) {
    throw new KnownError(`${shown} already exists; init does not overwrite it`, 'pass --force to replace it, or --output-file <file> to write elsewhere');
  }
  const configDir = path.dirname(target);
  const facts = inspectProjects(planProjects(options.projects, cwd));
  const { config, reasons } = propose(facts, configDir);
  core().resolveConfig(config, { configFile: target, configDir });
  writeUserFile(target, `${JSON.stringify(config, null, 2)}\n`, 'config', shown);
  const lines = [
    `Inspected ${facts.files.length} file(s).`,
    ...reasons,
    '',
    `Wrote ${shown}. Review it, then run \`scan-execution-violations\` to see the findings.`,
  ];
  io.stdout.write(`${lines.map(escapeControl).join('\n')}\n`);
  return 0;
}
