/** The server's pure parts: content sniffing, file names, passwords, the sign-in limiter, the cross-year comparison. */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { safeFilename, sniff } from '../src/server/upload.js';
import { SignInLimiter, hashPassword, verifyPassword } from '../src/server/auth.js';
import { compareExtracted, compareYears } from '../src/jobs/cross-year.js';
import { example } from './server-helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('upload sniffing', () => {
  it('should judge by content, not by name', () => {
    expect(sniff(enc('%PDF-1.7\n...'), 'a.txt')).toEqual({ kind: 'upload', ext: 'pdf' });
    expect(sniff(enc('PK\u0003\u0004....word/document.xml....'), 'a.pdf')).toEqual({ kind: 'upload', ext: 'docx' });
    expect(sniff(enc('PK\u0003\u0004....xl/workbook.xml....'), 'a.docx')).toBeNull();
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]), 'a.txt')).toBeNull();
    expect(sniff(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.doc')).toBeNull();
    expect(sniff(enc('<!DOCTYPE html><html><body>决算</body></html>'), 'a.bin')).toEqual({ kind: 'upload', ext: 'html' });
    expect(sniff(iconv.encode('本部门2020年度收入合计1,911.05万元。', 'gb18030'), 'x')).toEqual({ kind: 'upload', ext: 'txt' });
    expect(sniff(enc('# 决算\n正文'), 'x.md')).toEqual({ kind: 'upload', ext: 'md' });
    expect(sniff(enc(JSON.stringify(example())), 'x.txt')).toEqual({ kind: 'model', ext: 'json' });
    expect(sniff(enc('{"a":1}'), 'x.json')).toEqual({ kind: 'upload', ext: 'txt' });
    expect(sniff(new Uint8Array(0), 'x.txt')).toBeNull();
  });

  it('should keep a safe display name with the extension of the content', () => {
    expect(safeFilename('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(safeFilename('C:\\docs\\决算<1>.exe', 'pdf')).toBe('决算1.pdf');
    expect(safeFilename('', 'docx')).toBe('document.docx');
  });
});

describe('passwords and the sign-in limit', () => {
  it('should hash with scrypt and a salt, and verify only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });

  it('should block a key after max failures within the window and free it after', () => {
    const l = new SignInLimiter(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(l.blockedFor('k', i)).toBe(0);
      l.fail('k', i);
    }
    expect(l.blockedFor('k', 10)).toBe(1);
    expect(l.blockedFor('other', 10)).toBe(0);
    expect(l.blockedFor('k', 1001)).toBe(0);
    l.fail('j', 0);
    l.succeed('j');
    expect(l.blockedFor('j', 1)).toBe(0);
  });
});

describe('cross-year comparison', () => {
  it('should report each 上年 figure that differs from last year\'s 决算, and nothing when they agree', () => {
    const cur = example() as any;
    const prev = example() as any;
    prev.sanGong.total.actual = cur.sanGong.total.prior;
    prev.operatingCosts.current = cur.operatingCosts.prior;
    const found = compareYears(cur, prev, 2019);
    const labels = found.map((f) => f.message.split('上年数')[0]);
    expect(labels).not.toContain('“三公”经费合计');
    expect(labels).not.toContain('机关运行经费');
    expect(labels).toContain('因公出国（境）费');
    const abroad = found.find((f) => f.message.startsWith('因公出国'))!;
    expect(abroad).toMatchObject({ ruleId: 'cross/prior-year', severity: 'warning', expected: '8.55', actual: '16.52', difference: '7.97' });
    const same = example() as any;
    for (const k of ['total', 'abroad', 'vehiclePurchase', 'vehicleOperation', 'reception']) same.sanGong[k].actual = cur.sanGong[k].prior;
    for (const k of ['operatingCosts', 'meetings', 'training']) same[k].current = cur[k].prior;
    expect(compareYears(cur, same, 2019)).toEqual([]);
  });

  it('should compare extracted figures, leaving out what rounding of an implied base explains', () => {
    const cur = { figures: { 本年收入合计: { current: '1911.05', prior: '2062.86', line: 21 }, 人员经费: { current: '1171.00', prior: '1067.77' }, 公用经费: { prior: '367.61' }, 'X:201': { prior: '5.00' } } };
    const prev = { figures: { 本年收入合计: { current: '2062.85' }, 人员经费: { current: '1000.00' }, 公用经费: { current: '360.00' } } };
    const found = compareExtracted(cur, prev, 2019);
    expect(found.map((f) => [f.message.split('上年数')[0], f.expected, f.actual, f.location.line])).toEqual([
      ['人员经费', '1000.00', '1067.77', 1],
      ['公用经费', '360.00', '367.61', 1],
    ]);
  });
});
