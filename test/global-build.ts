/**
 * vitest globalSetup: build dist/ (esbuild, about a second) before the tests, so that the tests which
 * spawn `bin/juesuan.cjs` run the compiled CLI of the sources under test, never a stale build.
 */
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
