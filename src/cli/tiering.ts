/**
 * V8's settings for the run: a batch's tiering, one file's young generation.
 *
 * A batch: V8 has TurboFan optimise a function once it has run its "interrupt budget" of
 * bytecode (67 584 bytes by default). A check runs hundreds of functions a few thousand times each, and a batch
 * lives for a second or a few: optimising them that early cost the second core more than it saved before the
 * process ended. Measured on two cores (medians, interleaved), a check of 12 corpus PDFs took 1539 ms of CPU and
 * 869 ms with V8's default, 1078 and 691 ms with a budget of 400 000 (800 000 and 1 600 000 were no better).
 *
 * Set at start-up, before the first worker thread (V8's flags are the process's, read by every thread), and
 * only for a batch: V8 stamps code caches with its flags, so Node's own built-in caches no longer fit and each
 * thread compiles Node's modules itself (a few ms; one file gained nothing to pay for it). Our caches for
 * threads under this flag live apart (./code-cache.ts cacheDir), so the two kinds of run never refuse each
 * other's.
 *
 * One file: its worker gets a young generation of 4 MB (V8 lets it grow to 16 × that here). A one-file check
 * is over before a larger one pays: each megabyte the thread touches is paid again when it ends (the thread's
 * heap is unmapped page by page, and the command waits for it), and a small young generation is collected
 * cheaply while little of it survives. Measured (medians of 15–25 rounds in random order): sh-template
 * 224 → 216 ms (CPU 314 → 299), shehuigongzuobu 227 → 217 (CPU 321 → 298), guihuaziyuan 289 → 291 (CPU
 * 421 → 417); 2 MB and 16 MB were no better. Not for a batch: 48 PDFs took 1720 ms, 1883 with it.
 */
import fs from 'node:fs';
import v8 from 'node:v8';

const TIERING = '--interrupt-budget=400000';

/** `check`'s options that take a value (the next argument is not a path); test/cli-tiering.test.ts keeps it true. */
export const VALUE_OPTIONS = new Set([
  '-f', '--format', '-o', '--output', '--max-warnings', '--stdin-filename', '-c', '--config', '--ignore-path',
  '--ignore-pattern', '--baseline', '--write-baseline', '--timeout', '--max-memory', '-j', '--jobs',
]);

/** Whether argv is a `check` of more than one file: two paths or more, a directory, or a glob. */
export function isBatch(argv: string[]): boolean {
  if (argv[2] !== 'check') return false;
  let paths = 0;
  for (let i = 3; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-' || !a.startsWith('-')) {
      if (a !== '-' && (/[*?[{]/.test(a) || isDirectory(a))) return true;
      if (++paths >= 2) return true;
    } else if (VALUE_OPTIONS.has(a)) i++;
  }
  return false;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

let on = false;

/** Set the batch's tiering (once; before any worker thread starts). */
export function setBatchTiering(): void {
  if (on) return;
  v8.setFlagsFromString(TIERING);
  on = true;
}

/** Whether this process runs with the batch's tiering (worker threads are told, for their caches). */
export function batchTiering(): boolean {
  return on;
}

/** A worker thread's young generation: V8's default for a batch, small for one file (see above). */
export function youngGeneration(): { maxYoungGenerationSizeMb?: number } {
  return on ? {} : { maxYoungGenerationSizeMb: 4 };
}
