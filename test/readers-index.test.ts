/**
 * readDocument: dispatch by magic bytes before extension, Markdown, legacy/encrypted Office files, size
 * limit for every format, the polite refusal when the PDF reader module is missing, and the normaliser's
 * same-length guarantee on arbitrary input (property test).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectFormat, readDocument } from '../src/readers/index.js';
import { normalizeText } from '../src/readers/normalize.js';
import { ReadError } from '../src/readers/types.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ReadError);
    expect((e as ReadError).message).toMatch(/[\u4e00-\u9fff]/);
    return (e as ReadError).code;
  }
}

describe('readDocument dispatch', () => {
  it('goes by magic bytes first', async () => {
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('部门决算')] }] })));
    expect(detectFormat(docx, 'misnamed.txt')).toBe('docx');
    expect((await readDocument(docx, 'misnamed.txt')).format).toBe('docx');
    expect(detectFormat(enc('<!DOCTYPE html><html><body><p>决算</p></body></html>'), 'page.txt')).toBe('html');
    expect((await readDocument(enc('\ufeff<html><body><p>决算</p></body></html>'), 'x')).text).toBe('决算\n');
    expect(detectFormat(enc('%PDF-1.7\n...'), 'a.txt')).toBe('pdf');
    expect(detectFormat(enc('部门决算'), 'a.md')).toBe('md');
    expect(detectFormat(enc('部门决算'), 'a.txt')).toBe('text');
    expect(detectFormat(enc('<p>决算</p>'), 'a.html')).toBe('html');
  });

  it('reads Markdown as text with format md', async () => {
    const d = await readDocument(enc('# 一、部门基本情况\n| 项目 | 金额 |\n|---|---|\n| 收入 | 1.00 |\n'), 'x.md');
    expect(d.format).toBe('md');
    expect(d.tables).toHaveLength(1);
  });

  it('refuses legacy or encrypted Office files and unknown binaries', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await code(readDocument(ole, '决算.doc'))).toBe('unsupported');
    expect(await code(readDocument(ole, '决算.docx'))).toBe('encrypted');
    const png = new Uint8Array(64);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await code(readDocument(png, 'scan.png'))).toBe('unsupported');
    expect(await code(readDocument(png, 'scan.txt'))).toBe('binary');
  });

  it('applies the size limit and the empty check to every format', async () => {
    const pdfish = new Uint8Array(25 * 1024 * 1024);
    pdfish.set(enc('%PDF-1.4'));
    expect(await code(readDocument(pdfish, 'big.pdf'))).toBe('too-large');
    expect(await code(readDocument(enc('<html></html>'), 'a.html', { maxBytes: 5 }))).toBe('too-large');
    expect(await code(readDocument(new Uint8Array(0), 'a.pdf'))).toBe('empty');
    expect(await code(readDocument(enc('\r\n \u3000'), 'a.txt'))).toBe('empty');
  });

  it('reads a corpus PDF through the PDF reader', async () => {
    const p = path.resolve(process.cwd(), '../shared/corpus/pdf/sh-putuo-shehuigongzuobu-2024.pdf');
    if (!existsSync(p)) throw new Error(`corpus missing: ${p}`);
    const d = await readDocument(new Uint8Array(readFileSync(p)), 'sh-putuo-shehuigongzuobu-2024.pdf');
    expect(d.format).toBe('pdf');
    expect(d.norm.length).toBe(d.text.length);
    expect(d.norm).toContain('部门决算');
  });
});

describe('readDocument without the PDF reader module', () => {
  afterEach(() => {
    vi.doUnmock('../src/readers/pdf.js');
    vi.resetModules();
  });
  it('refuses PDFs with ReadError(unsupported)', async () => {
    vi.resetModules();
    vi.doMock('../src/readers/pdf.js', () => ({ notTheReader: true }));
    const { readDocument: fresh } = await import('../src/readers/index.js');
    // a fresh module graph has its own ReadError class: compare by name and code
    const err = await fresh(enc('%PDF-1.7\n%…'), 'a.pdf').then(() => null, (e: unknown) => e as ReadError);
    expect(err?.name).toBe('ReadError');
    expect(err?.code).toBe('unsupported');
    expect(err?.message).toContain('PDF');
    // and the first half of a split check (src/cli/pool.ts) refuses it alike
    const { readPdfText } = await import('../src/readers/index.js');
    const half = await readPdfText(enc('%PDF-1.7\n%…'), 'a.pdf').then(() => null, (e: unknown) => e as ReadError);
    expect(half?.name).toBe('ReadError');
    expect(half?.code).toBe('unsupported');
  });
});

describe('normalizeText', () => {
  it('keeps the length of any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => normalizeText(s).length === s.length),
      { numRuns: 500 },
    );
    const tricky = '⼾⻔１２３％ PAGEREF _Toc1 \\h 3\n[bookmark: a]目录……………( 2 )\n政務(wù) 𠀀 \u3000';
    expect(normalizeText(tricky).length).toBe(tricky.length);
    expect(normalizeText('⼾⻔１２３％')).toBe('户门123%');
  });
});
