/**
 * What the built CLI does before anything else: V8's tiering for a batch (./tiering.ts) and a check's first
 * worker thread (./prespawn.ts). bin/juesuan.cjs runs it from dist/launch.cjs, a CommonJS build, before Node
 * sets up its ESM loader and loads the command line: a worker started there was ~7 ms sooner on the path to
 * a one-file check's result than one started from the ESM entry (interleaved runs, medians of 40). The ESM
 * entry (./entry.ts) runs it again, for `node dist/cli.js`: the two copies of this code share their state
 * (./launch-state.ts), so nothing is started twice.
 */
import { prespawn } from './prespawn.js';
import { isBatch, setBatch } from './tiering.js';

if (isBatch(process.argv)) setBatch();
prespawn(process.argv);
