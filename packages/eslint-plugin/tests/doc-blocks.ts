import * as fs from 'node:fs';

/** One fenced code block of a rule doc, with the heading it sits under. */
export interface DocBlock {
  heading: string;
  lang: string;
  /** The file the block stands for, from its info string: ```ts title="src/x.ts"```. */
  title: string | undefined;
  code: string;
  line: number;
}

/** A rule doc split into its headings (in order) and its fenced code blocks. */
export function readDoc(file: string): { headings: string[]; blocks: DocBlock[] } {
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  const headings: string[] = [];
  const blocks: DocBlock[] = [];
  let heading = '';
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const fence = /^```(\S*)(.*)$/.exec(line);
    if (fence) {
      const start = index;
      const body: string[] = [];
      while (++index < lines.length && lines[index] !== '```') body.push(lines[index]!);
      const title = /title="([^"]+)"/.exec(fence[2] ?? '')?.[1];
      blocks.push({ heading, lang: fence[1] ?? '', title, code: `${body.join('\n')}\n`, line: start + 1 });
    } else if (/^#{1,6} /.test(line)) {
      heading = line;
      headings.push(line);
    }
  }
  return { headings, blocks };
}
