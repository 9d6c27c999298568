/** The explicit list of CLI commands (one file each). */
import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerDemo } from './demo.js';
import { registerExtract } from './extract.js';
import { registerRender } from './render.js';
import { registerNew } from './new.js';
import { registerImport } from './import.js';
import { registerExport } from './export.js';
import { registerTemplate } from './template.js';
import { registerServe } from './serve.js';
import { registerWorker } from './worker.js';

type RegisterCommand = (program: Command) => Command;

export const COMMANDS: RegisterCommand[] = [registerRender, registerDemo, registerCheck, registerExtract, registerServe, registerWorker, registerNew, registerImport, registerExport, registerTemplate];
