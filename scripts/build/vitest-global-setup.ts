import { bundleScanner } from './bundle.js';

/**
 * Tests spawn the scanner's `bin` (dist/bin.js, bundled from what `tsc -b` compiled): bundled
 * again before every run, so a test never runs a bundle older than the compiled sources.
 */
export default async function setup(): Promise<void> {
  await bundleScanner();
}
