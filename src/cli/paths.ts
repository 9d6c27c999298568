/**
 * What `juesuan check` is asked to look at, turned into a list of files: directories are walked, quoted globs
 * (`"docs/**\/*.pdf"`, expanded here because a quoted glob reaches us unexpanded and Windows shells never
 * expand) are matched, ignore patterns (`.juesuanignore`, `--ignore-pattern`) are applied, `-` stands for
 * standard input. A file named explicitly must be a supported document (otherwise it is an error, as in
 * ESLint); files a directory or glob holds that are not documents or are ignored are counted as skipped.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';

/** Extensions a directory is expanded to. */
const SUPPORTED_EXTENSIONS = ['.txt', '.md', '.docx', '.html', '.htm', '.pdf', '.json'];

export interface PathFailure {
  file: string;
  code: string;
  message: string;
}

type PathItem = { file: string } | { stdin: true } | { failure: PathFailure };

interface Expansion {
  items: PathItem[];
  /** Files found in directories or globs that were not checked: not a supported type, or ignored. */
  skipped: number;
}

export const FAILURE_TEXT: Record<string, string> = {
  'not-found': '找不到这个文件或目录',
  'no-files': `目录中没有可审核的文件（${SUPPORTED_EXTENSIONS.join(' ')}）`,
  'no-match': '没有与这个通配符匹配的可审核文件',
  'not-a-file': '不是普通文件',
  'no-access': '没有读取权限',
  unsupported: `不是可审核的文件类型（支持 ${SUPPORTED_EXTENSIONS.join(' ')}）`,
  ignored: '被忽略规则（.juesuanignore 或 --ignore-pattern）排除，未审核',
};

export function fsFailure(file: string, err: unknown): PathFailure {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { file, code: 'not-found', message: FAILURE_TEXT['not-found'] };
  if (code === 'EACCES' || code === 'EPERM') return { file, code: 'no-access', message: FAILURE_TEXT['no-access'] };
  return { file, code: 'io', message: `无法读取（${(err as Error).message}）` };
}

const isSupported = (p: string): boolean => SUPPORTED_EXTENSIONS.includes(path.extname(p).toLowerCase());

/**
 * A folder of disclosures often holds other JSON too: last run's report (`-o report.json`), a baseline, the
 * config, package.json. Found in a directory or a glob, a .json file is taken only when it reads as a
 * juesuan model (a top-level "schemaVersion" key within its first 64 KB); any other is skipped and counted.
 * Named explicitly, every .json is checked (and a non-model is a named failure).
 */
const MODEL_SNIFF_BYTES = 65536;
async function looksLikeModel(p: string): Promise<boolean> {
  let fh: Awaited<ReturnType<typeof fsp.open>> | null = null;
  try {
    fh = await fsp.open(p, 'r');
    const buf = Buffer.alloc(MODEL_SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, MODEL_SNIFF_BYTES, 0);
    return /"schemaVersion"\s*:/.test(buf.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return true; // unreadable: let the check name the file and the problem
  } finally {
    await fh?.close();
  }
}
const takenFromFolder = async (p: string): Promise<boolean> =>
  isSupported(p) && (path.extname(p).toLowerCase() !== '.json' || (await looksLikeModel(p)));
/** Named explicitly, a YAML model file is checked too (a directory's YAML files are more often CI configs). */
const isSupportedExplicitly = (p: string): boolean => isSupported(p) || /\.ya?ml$/i.test(p);

/** True when the string has glob syntax (and is therefore matched rather than opened). */
function isGlob(p: string): boolean {
  return /[*?[\]{}]/.test(p);
}

/**
 * A glob as a regular expression over '/'-separated paths: `*` and `?` stay within a segment, `**` spans
 * segments, `[abc]` and `{a,b}` as in shells.
 */
function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else if (ch === '{') {
      braces++;
      re += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (ch === ',' && braces > 0) re += '|';
    else re += ch.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Ignore patterns in the style of .gitignore (the subset people use): one per line, `#` comments, a pattern
 * without '/' matches a name at any depth, a pattern with '/' matches from the base directory, a trailing '/'
 * matches a directory and everything under it, `!` re-includes.
 */
export class IgnoreList {
  private rules: { re: RegExp; negate: boolean }[] = [];

  constructor(private readonly base: string) {}

  add(patterns: string[]): this {
    for (const raw of patterns) {
      let p = raw.trim();
      if (!p || p.startsWith('#')) continue;
      const negate = p.startsWith('!');
      if (negate) p = p.slice(1);
      const dirOnly = p.endsWith('/');
      p = p.replace(/\/+$/, '').replace(/^\.\//, '');
      const anchored = p.includes('/');
      p = p.replace(/^\//, '');
      const body = globToRegExp(p).source.slice(1, -1);
      const re = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}${dirOnly ? '/.*' : '(?:/.*)?'}$`);
      this.rules.push({ re, negate });
    }
    return this;
  }

  get size(): number {
    return this.rules.length;
  }

  ignores(file: string): boolean {
    const rel = path.relative(this.base, path.resolve(file)).split(path.sep).join('/');
    if (rel.startsWith('..')) return false;
    let ignored = false;
    for (const r of this.rules) if (r.re.test(rel)) ignored = !r.negate;
    return ignored;
  }
}

interface Walked {
  files: string[];
  skipped: number;
}

/** Files under a directory with a supported extension, sorted; hidden entries and node_modules skipped. */
async function walk(dir: string, seen: Set<string>, ignore: IgnoreList | null): Promise<Walked> {
  const real = await fsp.realpath(dir);
  const out: Walked = { files: [], skipped: 0 };
  if (seen.has(real)) return out;
  seen.add(real);
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const st = await fsp.stat(p).catch(() => null);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) {
      const sub = await walk(p, seen, ignore);
      out.files.push(...sub.files);
      out.skipped += sub.skipped;
    } else if (isFile) {
      if (!ignore?.ignores(p) && (await takenFromFolder(p))) out.files.push(p);
      else out.skipped++;
    }
  }
  return out;
}

/** The directory a glob starts from: its segments before the first one with glob syntax. */
function globBase(glob: string): string {
  const segs = glob.split(/[\\/]/);
  const fixed: string[] = [];
  for (const s of segs) {
    if (isGlob(s)) break;
    fixed.push(s);
  }
  if (fixed.length === segs.length) fixed.pop();
  const base = fixed.join('/');
  return base === '' && glob.startsWith('/') ? '/' : base || '.';
}

async function expandGlob(glob: string, seen: Set<string>, ignore: IgnoreList | null): Promise<Walked> {
  const base = globBase(glob);
  const all = await walk(base, seen, null).catch(() => ({ files: [], skipped: 0 }));
  const re = globToRegExp(glob.split(path.sep).join('/').replace(/^\.\//, ''));
  const out: Walked = { files: [], skipped: all.skipped };
  for (const f of all.files) {
    const rel = (base === '.' ? path.relative('.', f) : f).split(path.sep).join('/');
    if (!re.test(rel)) continue;
    if (ignore?.ignores(f)) out.skipped++;
    else out.files.push(f);
  }
  return out;
}

/** The paths as given, with directories and globs expanded; paths that cannot be used become failures, in order. */
export async function expandPaths(paths: string[], ignore: IgnoreList | null = null): Promise<Expansion> {
  const items: PathItem[] = [];
  const taken = new Set<string>();
  const seen = new Set<string>();
  let skipped = 0;
  const add = (files: string[]): void => {
    for (const f of files) {
      const key = path.resolve(f);
      if (taken.has(key)) continue;
      taken.add(key);
      items.push({ file: f });
    }
  };
  for (const p of paths) {
    if (p === '-') {
      items.push({ stdin: true });
      continue;
    }
    try {
      const st = await fsp.stat(p).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' && isGlob(p)) return null;
        throw err;
      });
      if (st === null) {
        const g = await expandGlob(p, seen, ignore);
        skipped += g.skipped;
        if (g.files.length === 0) items.push({ failure: { file: p, code: 'no-match', message: FAILURE_TEXT['no-match'] } });
        add(g.files);
      } else if (st.isDirectory()) {
        const w = await walk(p, seen, ignore);
        skipped += w.skipped;
        if (w.files.length === 0) items.push({ failure: { file: p, code: 'no-files', message: FAILURE_TEXT['no-files'] } });
        add(w.files);
      } else if (!isSupportedExplicitly(p)) {
        items.push({ failure: { file: p, code: 'unsupported', message: FAILURE_TEXT.unsupported } });
      } else if (ignore?.ignores(p)) {
        skipped++;
      } else add([p]);
    } catch (err) {
      items.push({ failure: fsFailure(p, err) });
    }
  }
  return { items, skipped };
}
