// Renders a saved scan result (`--format json`) for the GitHub Action: SARIF to a file and the
// GitHub annotations + text report to stdout, so the action scans once and reports twice.
// Usage: node render.mjs <scanner package dir> <result.json> <out.sarif> <annotate: true|false>
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const [scannerDir, resultFile, sarifFile, annotate] = process.argv.slice(2);
if (!scannerDir || !resultFile || !sarifFile) {
  process.stderr.write('usage: node render.mjs <scanner package dir> <result.json> <out.sarif> [annotate]\n');
  process.exit(2);
}
const { parseScanResult, reporters } = await import(pathToFileURL(path.join(scannerDir, 'dist/index.js')).href);
const result = parseScanResult(JSON.parse(fs.readFileSync(resultFile, 'utf8')));
fs.writeFileSync(sarifFile, reporters.sarif.reporter(result).output);
process.stdout.write(reporters[annotate === 'false' ? 'text' : 'github'].reporter(result).output);
