/**
 * Opening untrusted zip containers (DOCX) without letting them eat memory: the central directory is read
 * first (entry count, declared uncompressed sizes) and refused as a zip bomb before anything is inflated;
 * entries are then inflated as a stream with a byte budget, so a lying size field trips the guard too.
 * Truncated or damaged archives become ReadError('corrupt') with a plain Chinese message.
 */
import JSZip from 'jszip';
import { ReadError } from './types.js';
import { mib as mb } from '../core/size.js';

export interface ZipLimits {
  /** Most entries an archive may have (default 5,000). */
  maxEntries?: number;
  /** Most bytes all entries may inflate to, declared or actual (default 200 MB). */
  maxInflatedBytes?: number;
}

interface ZipEntryInfo {
  name: string;
  compressed: number;
  uncompressed: number;
}

const DEFAULT_MAX_INFLATED = 200 * 1024 * 1024;

const corrupt = (file: string, why: string) =>
  new ReadError('corrupt', `文件“${file}”已损坏或不完整（${why}），无法作为 Word 文档打开。请重新下载或另存后再试。`);
const bomb = (file: string, why: string) =>
  new ReadError('zip-bomb', `文件“${file}”解压后过大（${why}），疑似压缩炸弹，已拒绝读取。`);

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;

/** Read the central directory (no inflation). Zip64 archives report sizes as unknown (-1). */
export function scanCentralDirectory(bytes: Uint8Array, file: string): ZipEntryInfo[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt(file, '找不到 zip 目录，文件可能被截断');
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  const zip64 = count === 0xffff || cdOffset === 0xffffffff;
  if (zip64) return [{ name: '(zip64)', compressed: -1, uncompressed: -1 }];
  const out: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt(file, 'zip 目录项不完整');
    const nameLen = u16(bytes, p + 28);
    const extra = u16(bytes, p + 30);
    const comment = u16(bytes, p + 32);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const compressed = u32(bytes, p + 20);
    const uncompressed = u32(bytes, p + 24);
    out.push({ name, compressed, uncompressed: uncompressed === 0xffffffff ? -1 : uncompressed });
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

interface SafeZip {
  names: string[];
  /** Inflate one entry as text (UTF-8 or UTF-16 with BOM); null when absent. Counts against the budget. */
  text(name: string): Promise<string | null>;
}

export async function openZip(bytes: Uint8Array, file: string, limits: ZipLimits = {}): Promise<SafeZip> {
  const maxEntries = limits.maxEntries ?? 5000;
  const budget = limits.maxInflatedBytes ?? DEFAULT_MAX_INFLATED;
  const entries = scanCentralDirectory(bytes, file);
  if (entries.length > maxEntries) throw bomb(file, `含 ${entries.length} 个条目，上限 ${maxEntries}`);
  const declared = entries.reduce((s, e) => s + Math.max(e.uncompressed, 0), 0);
  if (declared > budget) throw bomb(file, `声明的解压大小 ${mb(declared)} MB，上限 ${mb(budget)} MB`);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw corrupt(file, (e as Error).message);
  }
  if (Object.keys(zip.files).length > maxEntries) throw bomb(file, `条目过多`);
  let used = 0;
  return {
    names: Object.keys(zip.files),
    async text(name: string): Promise<string | null> {
      const entry = zip.file(name);
      if (!entry) return null;
      const data = await inflateCapped(entry, budget - used, () => bomb(file, `实际解压超过 ${mb(budget)} MB`), (e) => corrupt(file, e.message));
      used += data.length;
      if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
      if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
      return new TextDecoder('utf-8').decode(data);
    },
  };
}


interface ChunkStream {
  on(ev: 'data', f: (chunk: Uint8Array) => void): ChunkStream;
  on(ev: 'error', f: (e: Error) => void): ChunkStream;
  on(ev: 'end', f: () => void): ChunkStream;
  pause(): void;
  resume(): void;
}

/** Inflate an entry chunk by chunk, stopping as soon as it passes `cap` bytes. */
function inflateCapped(entry: JSZip.JSZipObject, cap: number, tooBig: () => ReadError, broken: (e: Error) => ReadError): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    let done = false;
    // jszip's chunked inflate stream (used by its own async/nodeStream; missing from its typings).
    const stream = (entry as unknown as { internalStream(t: 'uint8array'): ChunkStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        if (done) return;
        total += chunk.length;
        if (total > cap) {
          done = true;
          stream.pause();
          reject(tooBig());
          return;
        }
        chunks.push(chunk);
      })
      .on('error', (e: Error) => {
        if (!done) reject(broken(e));
        done = true;
      })
      .on('end', () => {
        if (done) return;
        done = true;
        const out = new Uint8Array(total);
        let p = 0;
        for (const c of chunks) {
          out.set(c, p);
          p += c.length;
        }
        resolve(out);
      })
      .resume();
  });
}
