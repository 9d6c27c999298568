/** Terminal details of the CLI: whether to colour a report, and the progress line of a batch. */

/**
 * Colour, decided as ESLint and most CLIs do: --color / --no-color win; else FORCE_COLOR (any value but
 * "0" / "false" turns colour on, those turn it off); else NO_COLOR turns it off; else colour on a terminal.
 */
export function colorWanted(flag: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

/** "已审核 12/45 个文件，用时 8.1 秒，每秒 1.5 个，预计还需 22 秒" */
export function progressLine(done: number, total: number, elapsedMs: number): string {
  const s = elapsedMs / 1000;
  const rate = s > 0 ? done / s : 0;
  const left = rate > 0 ? Math.round((total - done) / rate) : 0;
  return `已审核 ${done}/${total} 个文件，用时 ${s.toFixed(1)} 秒，每秒 ${rate.toFixed(1)} 个${done < total && rate > 0 ? `，预计还需 ${left} 秒` : ''}`;
}
