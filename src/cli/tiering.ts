/**
 * V8's settings for a check's worker threads: their tiering, and one file's young generation.
 *
 * Tiering: V8 has TurboFan optimise a function once it has run its "interrupt budget" of bytecode (67 584 bytes
 * by default). A check runs hundreds of functions a few thousand times each, and the process lives for a
 * fraction of a second or a few: optimising them that early cost more than it saved before the process ended,
 * on two cores where TurboFan's background threads and the other thread share the second core. Every check
 * worker runs with a budget of 400 000 (TIERING), measured on two cores, medians of interleaved runs:
 * - a batch: 12 corpus PDFs took 1539 ms of CPU and 869 ms with V8's default, 1078 and 691 ms with it (800 000
 *   and 1 600 000 were no better);
 * - one file: a cold check of sh-template 197 → 188 ms (its job in the worker 84 → 75 ms), shehuigongzuobu
 *   200 → 191, guihuaziyuan 258 → 241; 1 000 000 was no better.
 *
 * Where it is set: V8's flags are the process's, and V8 stamps code caches with them. Set before a thread starts,
 * Node's own built-in caches no longer fit and the thread compiles Node's modules itself (~6 ms of a one-file
 * check, which is why it was once kept to batches). So:
 * - every worker sets it itself (./worker-loader.ts), after Node's start-up in the thread and before it compiles
 *   the engine: a one-file check gains the above;
 * - a batch also sets it in the main thread before its first worker starts, as before: the main thread moves
 *   every PDF's text between the two halves of a split check (./pool.ts) and writes the reports, and with
 *   V8's default there 12 PDFs took ~15–30 ms longer (interleaved runs, medians of 15).
 * The engine's code cache is made and read under the flag in every kind of run alike: one cache for both.
 *
 * One file: its worker gets a young generation of 4 MB (V8 lets it grow to 16 × that here). A one-file check
 * is over before a larger one pays: each megabyte the thread touches is paid again when it ends (the thread's
 * heap is unmapped page by page, and the command waits for it), and a small young generation is collected
 * cheaply while little of it survives. Measured (medians of 15–25 rounds in random order): sh-template
 * 224 → 216 ms (CPU 314 → 299), shehuigongzuobu 227 → 217 (CPU 321 → 298), guihuaziyuan 289 → 291 (CPU
 * 421 → 417); 2 MB and 16 MB were no better. Not for a batch: 48 PDFs took 1720 ms, 1883 with it. A batch is
 * known from the arguments alone (isBatch), before the first worker starts.
 */
import fs from 'node:fs';
import v8 from 'node:v8';
import { launchState } from './launch-state.js';

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

/** The flag every check worker sets for itself (see above). */
const TIERING = '--interrupt-budget=400000';

/** Set V8's tiering for checks (once; process-wide: see above). */
export function setTiering(): void {
  const state = launchState();
  if (state.tiering) return;
  v8.setFlagsFromString(TIERING);
  state.tiering = true;
}

/** This run checks more than one file: its tiering is set now, before the first worker starts (see above). */
export function setBatch(): void {
  launchState().batch = true;
  setTiering();
}

/** A worker thread's young generation: V8's default for a batch, small for one file (see above). */
export function youngGeneration(): { maxYoungGenerationSizeMb?: number } {
  return launchState().batch ? {} : { maxYoungGenerationSizeMb: 4 };
}
