/** Model files as bytes: one parser for the CLI and the engine, with messages naming file and place. */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parseModel } from '../src/model/parse.js';
import { ReadError } from '../src/readers/types.js';

const enc = (s: string) => new TextEncoder().encode(s);
const example = readFileSync('examples/cq-beibei-zfb-2020.json', 'utf8');

function failure(f: () => unknown): ReadError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error('expected a ReadError');
}

describe('parseModel', () => {
  it('should read the example as JSON and as YAML to the same model', () => {
    const a = parseModel(enc(example), 'm.json');
    const b = parseModel(enc(stringify(JSON.parse(example))), 'm.yaml');
    expect(b).toEqual(a);
    expect(a.body.name).toContain('北碚区');
  });
  it('should name the line and column of a JSON syntax error', () => {
    const e = failure(() => parseModel(enc('{\n  "schemaVersion": 1,\n  oops\n}'), 'bad.json'));
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/^bad\.json：第3行第3列：不是有效的 JSON/);
  });
  it('should name the field path of a schema error', () => {
    const m = JSON.parse(example);
    m.tables[0].rows[0].code = '12';
    const e = failure(() => parseModel(enc(JSON.stringify(m)), 'm.json'));
    expect(e.message).toContain('m.json: tables[0].rows[0].code: 科目编码应为3、5或7位数字');
  });
  it('should refuse other extensions and non-UTF-8 bytes', () => {
    expect(failure(() => parseModel(enc('{}'), 'm.txt')).code).toBe('unsupported');
    expect(failure(() => parseModel(new Uint8Array([0xff, 0xfe, 0x00]), 'm.json')).message).toContain('不是 UTF-8');
  });
});
