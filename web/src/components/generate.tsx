/**
 * Generate DOCX / PDF / HTML from a department-year's model and download them. Blocked while the model's
 * latest check has open error-level findings (the server refuses with 409 too; this only says so first).
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type Finding, type Report } from '../api.js';
import { FORMAT } from '../labels.js';

interface ModelState {
  documentId: number | null;
  status: string | null;
  findings: Finding[];
}

/** The model of a department-year and its latest check (null when there is no model). */
export async function loadModelState(department: number, year: number): Promise<ModelState | null> {
  let m;
  try {
    m = await api.model(department, year);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
  const doc = await api.document(m.documentId);
  if (doc.status !== 'done') return { documentId: m.documentId, status: doc.status, findings: [] };
  const check = await api.findings(m.documentId);
  return { documentId: m.documentId, status: doc.status, findings: check.results.flatMap((r) => r.findings) };
}

function openErrors(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && (f.state ?? 'open') === 'open');
}

export function GeneratePanel({ department, year, canPublish = false }: { department: number; year: number; canPublish?: boolean }) {
  const [state, setState] = useState<ModelState | null | undefined>(undefined);
  const [reports, setReports] = useState<Report[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState('');

  const refresh = useCallback(async () => {
    try {
      const [s, r] = await Promise.all([loadModelState(department, year), api.reports(department, year)]);
      setState(s);
      setReports(r);
      if (s && (s.status === 'queued' || s.status === 'checking')) setTimeout(refresh, 1000);
    } catch (e) {
      setMessage((e as Error).message);
    }
  }, [department, year]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  if (state === undefined) return <p className="muted">正在加载…</p>;
  if (state === null) return <p className="muted">{year}年度尚无数据模型，无法生成。可在“编辑数据”中录入。</p>;
  const blocking = openErrors(state.findings);
  const checking = state.status !== 'done';
  const blocked = blocking.length > 0 || checking;

  async function generate(format: Report['format']) {
    setBusy(format);
    setMessage('');
    try {
      const r = await api.generate(department, year, format);
      setReports((rs) => [r, ...rs]);
      setMessage(`已生成${FORMAT[format]}（第${r.version}版）。`);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="generate">
      <div className="buttons">
        {(['docx', 'pdf', 'html'] as const).map((f) => (
          <button key={f} disabled={blocked || busy !== null} onClick={() => generate(f)} data-format={f}>
            {busy === f ? '正在生成…' : `生成${FORMAT[f]}`}
          </button>
        ))}
      </div>
      {checking && <p className="muted">数据正在审核，审核完成后才能生成。</p>}
      {blocking.length > 0 && (
        <p className="error">
          有 {blocking.length} 条错误级问题待处理，修正数据或经审核人接受后才能生成。
          {state.documentId !== null && <a href={`#/document/${state.documentId}`}>查看问题</a>}
        </p>
      )}
      {message && <p className="note" role="status">{message}</p>}
      {reports.length > 0 && (
        <table className="list">
          <thead>
            <tr><th>格式</th><th>版本</th><th>生成时间</th><th>大小</th><th>状态</th><th></th></tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id}>
                <td>{FORMAT[r.format] ?? r.format}</td>
                <td>第{r.version}版</td>
                <td>{new Date(r.createdAt).toLocaleString('zh-CN')}</td>
                <td>{(r.size / 1024).toFixed(1)} KB</td>
                <td>
                  {r.published ? '已公开' : '未公开'}
                  {!r.published && canPublish && (
                    <button
                      className="small"
                      data-publish={r.format}
                      onClick={async () => {
                        try {
                          const p = await api.publish(r.id);
                          setReports((rs) => rs.map((x) => (x.id === p.id ? { ...x, published: true } : x)));
                          setMessage(`已公开${FORMAT[r.format]}（第${r.version}版），公众无需登录即可查看和下载。`);
                        } catch (e) {
                          setMessage((e as Error).message);
                        }
                      }}
                    >
                      公开
                    </button>
                  )}
                </td>
                <td><a href={api.reportUrl(r.id)} download data-download={r.format}>下载</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
