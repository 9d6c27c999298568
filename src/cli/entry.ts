/**
 * The built CLI's entry (dist/cli.js): starts a check's first worker thread (./prespawn.ts)
 * before loading the command line itself, so the worker's start-up runs while the commands are loaded and
 * the arguments parsed (a batch first gets V8's tiering and its workers V8's default young generation,
 * ./tiering.ts). Then ./main.ts.
 */
import { prespawn } from './prespawn.js';
import { isBatch, setBatch } from './tiering.js';

if (isBatch(process.argv)) setBatch();
prespawn(process.argv);
await import('./main.js');
