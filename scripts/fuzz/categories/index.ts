import type { Category } from '../case.js';
import { brokenTsconfigs } from './broken-tsconfigs.js';
import { commandLine } from './command-line.js';
import { configs } from './configs.js';
import { deepNesting } from './deep-nesting.js';
import { encodings } from './encodings.js';
import { fileSystem } from './file-system.js';
import { garbageCategory } from './garbage.js';
import { hugeFiles } from './huge-files.js';
import { mutatedFixtures } from './mutated-fixtures.js';

/** Every category, in schedule order: case i belongs to `categories[i % categories.length]`. */
export const categories: readonly Category[] = [
  mutatedFixtures,
  garbageCategory,
  encodings,
  deepNesting,
  hugeFiles,
  brokenTsconfigs,
  configs,
  fileSystem,
  commandLine,
];
