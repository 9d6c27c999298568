import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const bin = path.join(repo, 'bin/juesuan.cjs');
const example = path.join(repo, 'examples/cq-beibei-zfb-2020.json');
let dir: string;

function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-cli-render-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('juesuan render', () => {
  it('renders the example to Markdown and says where it wrote', () => {
    const r = cli(['render', example, '--format', 'md', '-o', 'good.md']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('good.md');
    const md = readFileSync(path.join(dir, 'good.md'), 'utf8');
    expect(md).toContain('重庆市北碚区人民政府办公室');
    expect(md).toMatch(/^\| .* \|$/m);
  });

  it('renders DOCX (format taken from -o when --format is absent)', () => {
    const r = cli(['render', example, '-o', 'good.docx']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(dir, 'good.docx'));
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('rejects an invalid model: exit 2, names the file and the field path, writes nothing', () => {
    const model = JSON.parse(readFileSync(example, 'utf8'));
    model.tables[0].rows[0].code = '12AB';
    model.year = '二〇二〇';
    writeFileSync(path.join(dir, 'invalid.json'), JSON.stringify(model));
    const before = readdirSync(dir).sort();
    const r = cli(['render', 'invalid.json', '--format', 'docx', '-o', 'invalid-out.docx']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid.json');
    expect(r.err).toContain('tables[0].rows[0].code');
    expect(r.err).toContain('科目编码应为3、5或7位数字');
    expect(r.err).toMatch(/year: .*数字/);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(dir).sort()).toEqual(before); // no output, no temp file
  });

  it('rejects broken JSON and a missing file with exit 2 and a message naming the file', () => {
    writeFileSync(path.join(dir, 'broken.json'), '{\n  "schemaVersion": 1,\n  "year": 2020,,\n}');
    const r = cli(['render', 'broken.json', '-o', 'broken.md']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.json：第3行第\d+列：不是有效的 JSON/);
    expect(existsSync(path.join(dir, 'broken.md'))).toBe(false);
    const m = cli(['render', 'nowhere.json', '-o', 'x.md']);
    expect(m.code).toBe(2);
    expect(m.err).toContain('nowhere.json：文件不存在');
  });

  it('rejects an unknown format', () => {
    const r = cli(['render', example, '--format', 'odt', '-o', 'x.odt']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format');
    expect(existsSync(path.join(dir, 'x.odt'))).toBe(false);
  });

  it('never overwrites: an existing target gets name.v2, then name.v3', () => {
    writeFileSync(path.join(dir, 'mine.html'), 'my own file');
    const a = cli(['render', example, '--format', 'html', '-o', 'mine.html']);
    expect(a.code).toBe(0);
    expect(a.out).toContain('mine.v2.html');
    const b = cli(['render', example, '--format', 'html', '-o', 'mine.html']);
    expect(b.code).toBe(0);
    expect(b.out).toContain('mine.v3.html');
    expect(readFileSync(path.join(dir, 'mine.html'), 'utf8')).toBe('my own file');
    expect(readFileSync(path.join(dir, 'mine.v2.html'), 'utf8')).toContain('<!DOCTYPE html>');
    expect(readFileSync(path.join(dir, 'mine.v3.html'), 'utf8')).toBe(readFileSync(path.join(dir, 'mine.v2.html'), 'utf8'));
  });

  it('explains a missing LibreOffice for --format pdf --libreoffice and writes nothing', () => {
    const r = cli(['render', example, '--format', 'pdf', '--libreoffice', '-o', 'nopdf.pdf'], { JUESUAN_SOFFICE: path.join(dir, 'no-soffice') });
    expect(r.code).toBe(2);
    expect(r.err).toContain('LibreOffice');
    expect(existsSync(path.join(dir, 'nopdf.pdf'))).toBe(false);
  });
});

describe('juesuan demo', () => {
  it('writes md, html, docx and pdf (no LibreOffice needed) into the output folder', () => {
    const r = cli(['demo', '-o', 'demo-out']);
    expect(r.code).toBe(0);
    const files = readdirSync(path.join(dir, 'demo-out')).sort();
    for (const ext of ['md', 'html', 'docx', 'pdf']) {
      expect(files).toContain(`cq-beibei-zfb-2020.${ext}`);
      expect(r.out).toContain(`cq-beibei-zfb-2020.${ext}`);
    }
    expect(readFileSync(path.join(dir, 'demo-out/cq-beibei-zfb-2020.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // a second run keeps the first files
    const again = cli(['demo', '-o', 'demo-out']);
    expect(again.code).toBe(0);
    expect(readdirSync(path.join(dir, 'demo-out'))).toContain('cq-beibei-zfb-2020.v2.md');
  }, 180_000);
});
