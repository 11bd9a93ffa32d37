#!/usr/bin/env node
// Merges the SARIF file of every package into one log for a single upload (GitHub code scanning,
// or any SARIF viewer): the runs are concatenated, each keeps its own tool, rules and results.
// Exit code: 1 when any result is an error, so the merge step is the gate; 2 on bad input.
// Usage: node merge-sarif.mjs <out.sarif> <in.sarif>...
import * as fs from 'node:fs';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  process.stderr.write('usage: node merge-sarif.mjs <out.sarif> <in.sarif>...\n');
  process.exit(2);
}
const runs = [];
for (const input of inputs) {
  let log;
  try {
    log = JSON.parse(fs.readFileSync(input, 'utf8'));
  } catch (error) {
    process.stderr.write(`error: ${input} is not a readable SARIF file (${error.message})\n`);
    process.exit(2);
  }
  if (!Array.isArray(log.runs)) {
    process.stderr.write(`error: ${input} has no "runs" array; is it SARIF 2.1.0?\n`);
    process.exit(2);
  }
  runs.push(...log.runs);
}
const merged = { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
fs.writeFileSync(out, `${JSON.stringify(merged, null, 2)}\n`);
const errors = runs.flatMap((run) => run.results ?? []).filter((result) => (result.level ?? 'warning') === 'error').length;
process.stdout.write(`merged ${inputs.length} SARIF file(s), ${runs.length} run(s), ${errors} error(s) into ${out}\n`);
process.exitCode = errors > 0 ? 1 : 0;
