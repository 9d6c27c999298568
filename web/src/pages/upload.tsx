/**
 * Upload one or many files (PDF, DOCX, HTML, TXT, or zips of them) with a progress bar per file, then follow
 * each file's check until it is done. Zips are unpacked here, each entry uploaded as its own document.
 */
import { useEffect, useState, type DragEvent } from 'react';
import { api, upload, waitChecked, type Department, type Region, type User } from '../api.js';
import { STATUS } from '../labels.js';

interface Item {
  key: number;
  name: string;
  blob: Blob;
  progress: number;
  phase: 'waiting' | 'uploading' | 'queued' | 'checking' | 'done' | 'failed';
  documentId?: number;
  counts?: { error: number; warning: number; info: number };
  error?: string;
}

const ACCEPT = /\.(pdf|docx|html?|txt)$/i;

function departmentsOf(rs: Region[]): Department[] {
  const walk = (d: Department): Department[] => [d, ...(d.units ?? []).flatMap(walk)];
  return rs.flatMap((r) => [...r.departments.flatMap(walk), ...departmentsOf(r.regions ?? [])]);
}

let nextKey = 1;

async function expand(files: File[]): Promise<{ name: string; blob: Blob }[]> {
  const out: { name: string; blob: Blob }[] = [];
  for (const f of files) {
    if (!/\.zip$/i.test(f.name)) {
      out.push({ name: f.name, blob: f });
      continue;
    }
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(f);
    for (const entry of Object.values(zip.files)) {
      if (entry.dir || !ACCEPT.test(entry.name) || entry.name.startsWith('__MACOSX/')) continue;
      out.push({ name: entry.name.split('/').pop()!, blob: await entry.async('blob') });
    }
  }
  return out;
}

export function UploadPage({ query, user }: { query: URLSearchParams; user: User }) {
  const [departments, setDepartments] = useState<Department[]>([]);
  const [years, setYears] = useState<number[]>([]);
  const [department, setDepartment] = useState(query.get('department') ?? (user.departmentId ? String(user.departmentId) : ''));
  const [year, setYear] = useState(query.get('year') ?? '');
  const [items, setItems] = useState<Item[]>([]);
  const [error, setError] = useState('');
  const [over, setOver] = useState(false);

  useEffect(() => {
    api.tree().then((t) => setDepartments(departmentsOf(t)), () => undefined);
    api.years().then(setYears, () => undefined);
  }, []);

  const patch = (key: number, p: Partial<Item>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...p } : x)));

  async function send(item: Item) {
    const fields: Record<string, string> = {};
    if (department) fields.department = department;
    if (year) fields.year = year;
    patch(item.key, { phase: 'uploading' });
    try {
      const r = await upload(item.blob, item.name, fields, (p) => patch(item.key, { progress: p }));
      patch(item.key, { progress: 1, phase: 'queued', documentId: r.id });
      const d = await waitChecked(r.id, (x) => patch(item.key, { phase: x.status }));
      patch(item.key, { phase: d.status, counts: d.counts, error: d.error ?? undefined });
    } catch (e) {
      patch(item.key, { phase: 'failed', error: (e as Error).message });
    }
  }

  async function add(files: File[]) {
    setError('');
    let entries;
    try {
      entries = await expand(files);
    } catch (e) {
      setError(`无法解开压缩包：${(e as Error).message}`);
      return;
    }
    if (entries.length === 0) {
      setError('没有可审核的文件（支持 PDF、DOCX、HTML、TXT 及其 ZIP 压缩包）。');
      return;
    }
    const fresh: Item[] = entries.map((e) => ({ key: nextKey++, name: e.name, blob: e.blob, progress: 0, phase: 'waiting' }));
    setItems((xs) => [...fresh, ...xs]);
    // Two at a time: progress stays readable and the server's queue is not flooded.
    const queue = [...fresh];
    const worker = async () => {
      for (let it = queue.shift(); it; it = queue.shift()) await send(it);
    };
    await Promise.all([worker(), worker()]);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    add([...e.dataTransfer.files]);
  }

  return (
    <div className="upload">
      <h1>上传审核</h1>
      <div className="card">
        <div className="controls">
          <label>
            所属部门
            <select value={department} onChange={(e) => setDepartment(e.target.value)} name="department">
              <option value="">（不指定）</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>{d.name}</option>
              ))}
            </select>
          </label>
          <label>
            年度
            <select value={year} onChange={(e) => setYear(e.target.value)} name="year">
              <option value="">（从文档识别）</option>
              {years.map((y) => (
                <option key={y} value={y}>{y}年</option>
              ))}
            </select>
          </label>
        </div>
        <label
          className={over ? 'drop over' : 'drop'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          <input
            type="file"
            multiple
            accept=".pdf,.docx,.html,.htm,.txt,.zip"
            onChange={(e) => {
              add([...(e.target.files ?? [])]);
              e.target.value = '';
            }}
          />
          <span className="pick">选择文件</span>
          <span>或把文件拖到这里</span>
          <small>支持 PDF、DOCX、HTML、TXT，或这些文件的 ZIP 压缩包；可一次选择多个</small>
        </label>
        {error && <p className="error">{error}</p>}
      </div>
      {items.length > 0 && (
        <table className="list uploads">
          <thead>
            <tr><th>文件</th><th>上传进度</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th><th></th></tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <tr key={it.key} data-phase={it.phase}>
                <td>{it.name}</td>
                <td>
                  <progress max={1} value={it.progress} /> {Math.round(it.progress * 100)}%
                </td>
                <td>{it.phase === 'waiting' ? '等待上传' : it.phase === 'uploading' ? '正在上传' : STATUS[it.phase]}{it.error ? `：${it.error}` : ''}</td>
                <td>{it.counts?.error ?? ''}</td>
                <td>{it.counts?.warning ?? ''}</td>
                <td>{it.counts?.info ?? ''}</td>
                <td>{it.documentId !== undefined && it.phase === 'done' && <a href={`#/document/${it.documentId}`}>查看问题</a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
