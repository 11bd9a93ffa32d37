import type { Category, Entry } from '../case.js';
import { miniProject, violationReported } from '../project.js';
import type { Random } from '../random.js';

const VIOLATING_LINE = (i: number) => `export const r${i} = (p: Plugin) => p.run(${i});`;

/** Large inputs of several shapes, sized so a healthy scan stays well inside the time limit. */
function huge(random: Random): { title: string; extra: Record<string, Entry> } {
  switch (random.int(0, 4)) {
    case 0: {
      const lines = random.int(5_000, 40_000);
      return {
        title: `${lines} statements in one file`,
        extra: { 'src/huge/statements.ts': Array.from({ length: lines }, (_, i) => `export const v${i}: number = ${i} * 2;`).join('\n') },
      };
    }
    case 1: {
      const bytes = random.int(1, 8) * 1_000_000;
      return { title: `one ${bytes / 1_000_000} MB line`, extra: { 'src/huge/line.ts': `export const s = '${'x'.repeat(bytes)}';\n` } };
    }
    case 2: {
      const count = random.int(200, 1_500);
      const extra: Record<string, Entry> = {};
      for (let i = 0; i < count; i += 1) extra[`src/many/m${i}.ts`] = `export const m${i} = ${i};\n`;
      return { title: `${count} small files`, extra };
    }
    case 3: {
      const count = random.int(1_000, 5_000);
      const body = Array.from({ length: count }, (_, i) => VIOLATING_LINE(i)).join('\n');
      return { title: `${count} findings in one file`, extra: { 'src/huge/findings.ts': `import type { Plugin } from '../plugins/plugin.js';\n${body}\n` } };
    }
    default: {
      const members = random.int(2_000, 20_000);
      const union = Array.from({ length: members }, (_, i) => `'S${i}'`).join(' | ');
      return { title: `a union of ${members} literals`, extra: { 'src/huge/union.ts': `export type Big = ${union};\nexport const b: Big = 'S1';\n` } };
    }
  }
}

/** Many statements, a multi-megabyte line, many files, thousands of findings, a huge union. */
export const hugeFiles: Category = {
  name: 'huge-files',
  description: '5k–40k-statement files, 1–8 MB lines, 200–1,500 files, 1k–5k findings in one file, 2k–20k-member unions',
  slow: true,
  generate(random) {
    const { title, extra } = huge(random);
    return { category: this.name, title, files: miniProject(extra), args: random.chance(0.3) ? ['--format', 'json'] : [], check: violationReported };
  },
};
