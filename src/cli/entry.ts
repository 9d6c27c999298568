/**
 * The built CLI's entry (dist/cli.js): starts a check's first worker thread (src/cli/pool.ts, prespawn)
 * before loading the command line itself, so the worker's start-up runs while the commands are loaded and
 * the arguments parsed. Then ./main.ts.
 */
import v8 from 'node:v8';
import { prespawn } from './pool.js';

// V8 has TurboFan optimise a function once it has run its "interrupt budget" of bytecode (67 584 bytes by
// default). A check runs hundreds of functions a few thousand times each, and a command lives for a second or
// so: most of those optimisations cost the second core more than they saved before the process ended (on two
// cores, a check of 12 corpus PDFs took 1539 ms of CPU and 869 ms; with a budget of 400 000, 1078 ms and 691
// ms). Set before the first worker thread starts (every thread of the process reads V8's flags); the workers'
// code cache is written under it.
v8.setFlagsFromString('--interrupt-budget=400000');
prespawn(process.argv);
await import('./main.js');
