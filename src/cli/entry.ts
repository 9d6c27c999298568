/**
 * The built CLI's ESM entry (dist/cli.js): the launch (./launch.ts: a batch's tiering, a check's first worker
 * thread), then the command line (./main.ts). bin/juesuan.cjs has run the launch already, from its CommonJS
 * build, before Node's ESM loader: here it finds that done. The worker's start-up runs while the commands are
 * loaded and the arguments parsed.
 */
import './launch.js';

await import('./main.js');
