/**
 * The JSON API as docs/api.md describes it. Every call goes through `call`, which sends the session's CSRF
 * token on writes and turns a non-2xx answer into an ApiError carrying the server's Chinese message.
 */
import type { Severity } from '../../src/rules/types.js';
import type { Badge } from '../../src/server/routes/org.js';

export type { Severity, Badge };

export interface User {
  id: number;
  username: string;
  role: 'admin' | 'reviewer' | 'filer';
  regionId: number | null;
  departmentId: number | null;
}

export interface Department {
  id: number;
  name: string;
  kind: 'department' | 'unit';
  regionId: number;
  parentId: number | null;
  units: Department[];
  years: Record<string, Badge>;
}

export interface Region {
  id: number;
  name: string;
  parentId: number | null;
  regions: Region[];
  departments: Department[];
}

export interface DocumentInfo {
  id: number;
  kind: 'upload' | 'model';
  filename: string;
  size: number;
  version: number;
  departmentId: number | null;
  year: number | null;
  status: 'queued' | 'checking' | 'done' | 'failed';
  error: string | null;
  counts: { error: number; warning: number; info: number };
}

/** A finding's location: the JSON report's own type (src/formatters/json.ts). */
export type { JsonLocation } from '../../src/formatters/json.js';
import type { JsonLocation } from '../../src/formatters/json.js';

export interface Finding {
  id?: number;
  ruleId: string;
  severity: Severity;
  message: string;
  messageId?: string;
  location: JsonLocation;
  expected?: string;
  actual?: string;
  difference?: string;
  related?: { label: string; location: JsonLocation }[];
  state?: 'open' | 'accepted' | 'fixed';
  justification?: string | null;
}

interface CheckJson {
  version: number;
  results: { file: string; findings: Finding[]; generatedText?: boolean; error?: { code: string; message: string } }[];
}

export interface Report {
  id: number;
  departmentId: number;
  year: number;
  format: 'docx' | 'pdf' | 'html';
  size: number;
  version: number;
  createdAt: string;
  published: boolean;
}

export interface PublicReport extends Report {
  departmentName: string;
  regionName: string;
}

export interface RankRow {
  departmentId: number;
  name: string;
  errors: number;
  warnings: number;
  infos: number;
  open: number;
}

type Money = string | null;

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string = '',
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

function errorOf(status: number, data: unknown): ApiError {
  const e = (data as { error?: { code?: string; message?: string } } | null)?.error;
  return new ApiError(e?.message ?? `请求失败（${status}）`, status, e?.code ?? '', (e ?? {}) as Record<string, unknown>);
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) throw errorOf(res.status, data);
  return data as T;
}

export const api = {
  async session(): Promise<User | null> {
    const s = await call<{ user: User | null; csrfToken: string | null }>('GET', '/api/session');
    csrfToken = s.csrfToken;
    return s.user;
  },
  async login(username: string, password: string): Promise<User> {
    const s = await call<{ user: User; csrfToken: string }>('POST', '/api/session', { username, password });
    csrfToken = s.csrfToken;
    return s.user;
  },
  logout: () => call<unknown>('DELETE', '/api/session'),
  years: () => call<number[]>('GET', '/api/years'),
  tree: () => call<Region[]>('GET', '/api/tree'),
  department: (id: number) => call<Department>('GET', `/api/departments/${id}`),
  documents: (q: { department?: number; year?: number }) =>
    call<DocumentInfo[]>('GET', `/api/documents?${new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]))}`),
  document: (id: number) => call<DocumentInfo>('GET', `/api/documents/${id}`),
  documentFileUrl: (id: number) => `/api/documents/${id}/file`,
  documentText: (id: number) => call<{ text: string; source: 'document' | 'model' }>('GET', `/api/documents/${id}/text`),
  findings: (id: number) => call<CheckJson>('GET', `/api/documents/${id}/findings`),
  setFinding: (id: number, state: 'accepted' | 'open', justification?: string) =>
    call<Finding>('PATCH', `/api/findings/${id}`, justification === undefined ? { state } : { state, justification }),
  model: (dep: number, year: number) =>
    call<{ version: number; model: unknown; documentId: number; updatedAt: string }>('GET', `/api/departments/${dep}/years/${year}/model`),
  saveModel: (dep: number, year: number, model: unknown) =>
    call<{ version: number; documentId: number }>('PUT', `/api/departments/${dep}/years/${year}/model`, { model }),
  checkModel: (model: unknown) => call<CheckJson>('POST', '/api/check/model', { model }),
  generate: (dep: number, year: number, format: Report['format']) =>
    call<Report>('POST', `/api/departments/${dep}/years/${year}/reports`, { format }),
  reports: (dep: number, year: number) => call<Report[]>('GET', `/api/departments/${dep}/years/${year}/reports`),
  reportUrl: (id: number) => `/api/reports/${id}/download`,
  publish: (id: number) => call<Report>('POST', `/api/reports/${id}/publish`),
  publicReports: () => call<PublicReport[]>('GET', '/api/public/reports'),
  expenditure: (dep: number) =>
    call<{ years: number[]; series: { code: string; name: string; values: Money[] }[] }>('GET', `/api/charts/departments/${dep}/expenditure`),
  sanGong: (dep: number) =>
    call<{ years: number[]; series: Record<'total' | 'abroad' | 'vehicle' | 'reception', Money[]> }>('GET', `/api/charts/departments/${dep}/sangong`),
  execution: (dep: number) =>
    call<{ years: number[]; budget: Money[]; actual: Money[]; rate: Money[] }>('GET', `/api/charts/departments/${dep}/execution`),
  ranking: (region: number, year: number) => call<RankRow[]>('GET', `/api/charts/regions/${region}/ranking?year=${year}`),
};

/** Upload one file with progress (fetch has no upload progress; XHR does). */
export function upload(
  file: Blob,
  filename: string,
  fields: Record<string, string>,
  onProgress: (fraction: number) => void,
): Promise<{ id: number; status: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/documents');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError('网络错误，上传未完成', 0));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as { id: number; status: string });
      else reject(errorOf(xhr.status, data));
    };
    const form = new FormData();
    form.append('file', file, filename);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    xhr.send(form);
  });
}

/** Poll a document until its check is done or failed. */
export async function waitChecked(id: number, onStatus?: (d: DocumentInfo) => void): Promise<DocumentInfo> {
  for (let delay = 300; ; delay = Math.min(delay * 1.5, 2000)) {
    const d = await api.document(id);
    onStatus?.(d);
    if (d.status === 'done' || d.status === 'failed') return d;
    await new Promise((r) => setTimeout(r, delay));
  }
}
