/**
 * End to end in a real headless Chromium (Debian `chromium`, driven by playwright-core): the server on a fresh
 * SQLite folder with the demo data; sign in, upload the example's PDF (rendered by `juesuan render --format
 * pdf`), see its findings drawn on the PDF pages, generate the DOCX and download it. Screenshots of each screen
 * go to out/e2e/ (PNG). Needs /usr/bin/chromium and LibreOffice (.ci/run installs both); builds web/dist when
 * it is missing or older than web/src.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = process.cwd();
const CHROMIUM = process.env.JUESUAN_CHROMIUM ?? '/usr/bin/chromium';
const shots = path.join(repo, 'out', 'e2e');
const PASSWORD = 'e2e-admin-password-2020';
const DEPARTMENT = '重庆市北碚区人民政府办公室';

let dir: string;
let server: ChildProcess | undefined;
let serverLog = '';
let base: string;
let browser: Browser | undefined;
let page: Page;
let pdf: Buffer;
let pdfView = '';

function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** Build web/dist unless it is newer than every source file of the screens. */
function buildWeb(): void {
  const index = path.join(repo, 'web/dist/index.html');
  const sources = ['web/src', 'web/index.html', 'web/vite.config.ts'].map((p) => newestMtime(path.join(repo, p)));
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...sources)) return;
  // A child process with NODE_ENV=production: inside vitest NODE_ENV is "test", which would bundle React's
  // development build.
  const vite = path.join(repo, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`npm run build:web 失败：${r.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<string> {
  const port = await freePort();
  server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port), '--data', path.join(dir, 'data')], {
    cwd: repo,
    env: { ...process.env, JUESUAN_ADMIN_PASSWORD: PASSWORD, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (b) => (serverLog += b));
  server.stderr!.on('data', (b) => (serverLog += b));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`服务器未能启动（退出码 ${server.exitCode}）：\n${serverLog}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return url;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`服务器 120 秒内未就绪：\n${serverLog}`);
}

async function shot(name: string): Promise<void> {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
}

/**
 * The screens' own text must be Chinese: Latin words only from this list (formats, units, the user name).
 * The document itself and the findings' messages (written by the rules) are not the screens' text.
 */
const LATIN_OK = new Set(['PDF', 'DOCX', 'HTML', 'TXT', 'ZIP', 'Word', 'KB', 'admin', 'pdf', 'docx', 'json']);
async function latinWords(): Promise<string[]> {
  // A string, not a function: the test's tsconfig has no DOM types.
  const text: string = await page.evaluate(`(() => {
    const body = document.body.cloneNode(true);
    body.querySelectorAll('.doc-pane, .msg, .findings-plain li, table.eav td, .eav-line').forEach((e) => e.remove());
    body.style.position = 'absolute';
    document.body.append(body);
    const t = body.innerText;
    body.remove();
    return t;
  })()`);
  return [...new Set(text.match(/[A-Za-z]{2,}/g) ?? [])].filter((w) => !LATIN_OK.has(w));
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`未找到 Chromium（${CHROMIUM}）。请安装：apt-get install -y --no-install-recommends chromium（或设置 JUESUAN_CHROMIUM）`);
  }
  dir = mkdtempSync(path.join(os.tmpdir(), 'juesuan-e2e-'));
  mkdirSync(shots, { recursive: true });
  // The example's PDF, as a person would publish it (needs LibreOffice, like `juesuan render --format pdf`).
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'render', 'examples/cq-beibei-zfb-2020.json', '--format', 'pdf', '-o', path.join(dir, 'example.pdf')], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`无法生成示例 PDF（需要 LibreOffice：apt-get install libreoffice-writer-nogui fonts-noto-cjk）：${r.stderr}`);
  pdf = readFileSync(path.join(dir, 'example.pdf'));
  buildWeb();
  base = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // launch() gives Chromium a fresh temporary --user-data-dir itself (it refuses the flag).
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('workbench in Chromium', { timeout: 300_000 }, () => {
  it('opens on the public pages without sign-in, then signs in and shows the department tree with per-year badges', async () => {
    await page.goto(base + '/');
    // Without a session: the public landing page (nothing is published yet), and the way to sign in.
    await page.getByRole('heading', { name: '部门决算公开' }).waitFor();
    await page.getByText('暂无已公开的部门决算').waitFor();
    expect(await latinWords()).toEqual([]);
    await page.getByRole('link', { name: '工作人员登录' }).click();
    // (count() does not wait: the sign-in page renders after the click, so the count is polled until it holds)
    await expect.poll(() => page.getByRole('button', { name: '登录' }).count()).toBe(1);
    await shot('01-sign-in');
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('.login .error').waitFor();
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('link', { name: DEPARTMENT }).waitFor();
    // Badges for the three demo years.
    await page.locator('.year-badge').nth(2).waitFor();
    expect(await page.locator('.year-badge b').allInnerTexts()).toEqual(expect.arrayContaining(['2018', '2019', '2020']));
    // Once the demo models are checked, the badges count their warnings (the cross-year check gives some).
    await expect
      .poll(async () => {
        await page.reload();
        await page.locator('.year-badge').nth(2).waitFor();
        return page.locator('.year-badge .n.warn').count();
      }, { timeout: 180_000, interval: 2000 })
      .toBeGreaterThan(0);
    await page.locator('.chart canvas').first().waitFor();
    expect(await latinWords()).toEqual([]);
    await shot('02-tree');
  });

  it('uploads the example PDF with progress and shows its findings on the PDF pages', async () => {
    await page.getByRole('link', { name: '上传审核' }).click();
    await page.locator('select[name=department]').selectOption({ label: DEPARTMENT });
    await page.locator('select[name=year]').selectOption('2020');
    await page.locator('input[type=file]').setInputFiles({ name: '北碚区政府办公室2020年度部门决算.pdf', mimeType: 'application/pdf', buffer: pdf });
    const row = page.locator('tr[data-phase]').first();
    await row.locator('progress').waitFor();
    await page.getByRole('link', { name: '查看问题' }).waitFor({ timeout: 180_000 });
    expect(await row.getAttribute('data-phase')).toBe('done');
    expect(await row.locator('progress').getAttribute('value')).toBe('1');
    expect(await latinWords()).toEqual([]);
    await shot('03-upload');

    await page.getByRole('link', { name: '查看问题' }).click();
    await page.locator('.pdf-page[data-drawn=yes]').first().waitFor();
    pdfView = page.url();
    const findings = page.locator('.findings .finding');
    await findings.first().waitFor();
    const n = await findings.count();
    expect(n).toBeGreaterThan(0);
    expect(await page.locator('.pdf-page').count()).toBeGreaterThan(10);
    // Every finding with a page has its mark on that page; clicking one scrolls its page into view.
    const marks = page.locator('.pdf-page .box');
    expect(await marks.count()).toBe(n);
    // …and a real box (the finding's line), not only the page's edge.
    expect(await page.locator('.pdf-page .box:not(.nobox)').count()).toBe(n);
    // (the example's PDF now checks with notes only: no error and no warning)
    const warning = page.locator('.findings .finding').first();
    await warning.click();
    const selected = page.locator('.pdf-page .box.selected');
    await selected.waitFor();
    await page.waitForTimeout(800); // smooth scroll
    const page4 = await selected.evaluate((el) => el.closest('.pdf-page')!.getAttribute('data-page'));
    await page.locator(`.pdf-page[data-page="${page4}"][data-drawn=yes]`).waitFor();
    expect(await selected.isVisible()).toBe(true);
    // Filters: only warnings, then one rule.
    await page.locator('.sev-filter.info input').uncheck();
    await expect.poll(() => page.locator('.findings .finding.info').count()).toBe(0);
    expect(await latinWords()).toEqual([]);
    await shot('04-findings-pdf');
    await page.locator('.sev-filter.info input').check();
  });

  it('uploads a zip of text documents: one row and one progress bar per file inside', async () => {
    const seed = readFileSync(path.resolve(repo, '../shared/corpus/seed/cq-beibei-zfb-2020.txt'));
    const zip = new JSZip();
    zip.file('文本/北碚区政府办公室2020年度决算说明.txt', seed);
    zip.file('文本/说明副本.txt', seed.toString('utf8').replace('2020年度', '2020年度（副本）'));
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    await page.getByRole('link', { name: '上传审核' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '决算说明.zip', mimeType: 'application/zip', buffer: bytes });
    const rows = page.locator('tr[data-phase]');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => page.locator('tr[data-phase=done]').count(), { timeout: 180_000, interval: 1000 }).toBe(2);
    expect(await rows.locator('td:first-child').allInnerTexts()).toEqual(expect.arrayContaining(['北碚区政府办公室2020年度决算说明.txt', '说明副本.txt']));
    await page.getByRole('link', { name: '查看问题' }).first().click();
    await page.locator('.findings .finding').first().waitFor();
    // The text itself with each finding's span marked; choosing a finding selects its mark.
    await page.locator('.doc-pane .text-doc mark').first().waitFor();
    const marks = await page.locator('.doc-pane .text-doc mark').count();
    expect(marks).toBeGreaterThan(0);
    expect(await page.locator('.doc-pane .text-doc').innerText()).toContain('重庆市北碚区人民政府办公室');
    await page.locator('.findings .finding').first().click();
    await page.locator('.doc-pane .text-doc mark.selected').first().waitFor();
    await page.waitForTimeout(800); // smooth scroll
    expect(await page.locator('.doc-pane .text-doc mark.selected').first().isVisible()).toBe(true);
    await shot('05-findings-text');
  });

  it('shows an HTML upload as its text with each finding\'s span marked, from the server\'s text', async () => {
    const seed = readFileSync(path.resolve(repo, '../shared/corpus/seed/cq-beibei-zfb-2020.txt'), 'utf8');
    const esc = (l: string) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>决算</title></head><body>${seed.split('\n').filter((l) => l.trim()).map((l) => `<p>${esc(l)}</p>`).join('\n')}</body></html>`;
    await page.getByRole('link', { name: '上传审核' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '北碚区政府办公室2020年度决算说明.html', mimeType: 'text/html', buffer: Buffer.from(html) });
    await page.getByRole('link', { name: '查看问题' }).waitFor({ timeout: 180_000 });
    const [text] = await Promise.all([
      page.waitForResponse((r) => /\/api\/documents\/\d+\/text$/.test(r.url())),
      page.getByRole('link', { name: '查看问题' }).click(),
    ]);
    expect(text.status()).toBe(200);
    await page.locator('.doc-pane .text-doc mark').first().waitFor();
    const shown = await page.locator('.doc-pane .text-doc').innerText();
    expect(shown).toContain('重庆市北碚区人民政府办公室');
    expect(shown).not.toContain('<p>');
    // Each mark covers the text its findings point at (offsets into the text the server read).
    const served = ((await text.json()) as { text: string }).text;
    expect(shown.length).toBeGreaterThan(served.length * 0.9);
    await page.locator('.findings .finding').first().click();
    await page.locator('.doc-pane .text-doc mark.selected').first().waitFor();
    await shot('05b-findings-html');
  });

  it('accepts a finding with a justification', async () => {
    await page.goto(pdfView);
    await page.locator('.findings .finding').first().waitFor();
    const first = page.locator('.findings .finding').first();
    await first.getByRole('button', { name: '接受并说明理由' }).click();
    await first.locator('textarea').fill('表格由 LibreOffice 转换，版式与公开版一致');
    await first.getByRole('button', { name: '确认接受' }).click();
    await first.locator('.accepted').waitFor();
    expect(await first.locator('.accepted').innerText()).toContain('表格由 LibreOffice 转换');
  });

  it('generates the DOCX from the 2020 model and downloads it', async () => {
    await page.getByRole('link', { name: '部门与年度' }).click();
    await page.getByRole('link', { name: DEPARTMENT }).click();
    const year = page.locator('section.year[data-year="2020"]');
    const button = year.locator('button[data-format=docx]');
    await button.waitFor();
    await expect.poll(() => button.isEnabled(), { timeout: 180_000, interval: 1000 }).toBe(true);
    await button.click();
    const link = year.locator('a[data-download=docx]').first();
    await link.waitFor({ timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(dir, 'report.docx');
    await download.saveAs(file);
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(DEPARTMENT);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page.locator('.charts .chart canvas').nth(2).waitFor();
    expect(await latinWords()).toEqual([]);
    await shot('06-department');
  });

  it('publishes the DOCX, which the public then sees and downloads without signing in', async () => {
    const year = page.locator('section.year[data-year="2020"]');
    await year.locator('button[data-publish=docx]').first().click();
    await year.getByText(/已公开Word 文档/).waitFor();
    const anon = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const pub = await anon.newPage();
    await pub.goto(base + '/');
    const dept = pub.locator('section.dept-public').filter({ hasText: DEPARTMENT });
    await dept.waitFor();
    // Only the published year: 2020's report, and the charts over published years only.
    expect(await dept.locator('.public-year').evaluateAll((els) => els.map((e) => e.getAttribute('data-year')))).toEqual(['2020']);
    await dept.locator('.chart canvas').first().waitFor();
    const [download] = await Promise.all([pub.waitForEvent('download'), dept.locator('a[data-download=docx]').first().click()]);
    const file = path.join(dir, 'public.docx');
    await download.saveAs(file);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    expect(xml).toContain(DEPARTMENT);
    // The workbench's own pages still ask for sign-in.
    await pub.goto(base + '/#/department/1');
    await pub.getByRole('button', { name: '登录' }).waitFor();
    await pub.goto(base + '/');
    await dept.locator('.chart canvas').first().waitFor();
    await pub.screenshot({ path: path.join(shots, '06b-public.png') });
    await anon.close();
  });

  it('opens the data editor with the tables and live checks', async () => {
    await page.locator('section.year[data-year="2020"]').getByRole('link', { name: '编辑数据' }).click();
    await page.locator('table.grid input').first().waitFor();
    expect(await page.locator('table.grid input').count()).toBeGreaterThan(5);
    expect(await latinWords()).toEqual([]);
    await shot('07-editor');
  });

  it('blocks generation while an error-level finding is open', async () => {
    // 本年收入合计 no longer equals its parts (1,826.48 + 84.58 = 1,911.06): an error the check must raise.
    const total = page.getByLabel('收入支出决算总表 本年收入合计 决算数');
    await total.fill('1999.05');
    // Checked as typed, before saving: the error is flagged beside the very cell, and listed with its field.
    const cell = page.locator('td[data-path]').filter({ has: total });
    await cell.locator('.field-flag.error').waitFor({ timeout: 60_000 });
    const aside0 = page.locator('.editor .findings-pane');
    await aside0.locator('[data-check=draft]').waitFor();
    const link = aside0.locator('.finding.error .field-link').first();
    expect(await link.innerText()).toContain('收入支出决算总表');
    await shot('07b-editor-live');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText(/已保存为第\d+版/).waitFor();
    const aside = page.locator('.editor .findings-pane');
    await aside.getByText(/条错误级问题待处理/).waitFor({ timeout: 180_000 });
    expect(await aside.locator('button[data-format=docx]').isDisabled()).toBe(true);
    // The check's findings are listed beside the data (the error among them).
    await aside.locator('.findings .finding.error').first().waitFor();
    await shot('08-blocked');
  });
});
