/**
 * The findings view: the document itself (PDF pages with boxes, or text with spans) beside its findings,
 * with expected / actual / difference, filters by severity and rule, and accept-with-justification.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type DocumentInfo, type Finding, type Severity, type User } from '../api.js';
import { PdfView } from '../components/lazy.js';
import type { Mark } from '../components/pdf-view.js';
import { TextView } from '../components/text-view.js';
import { fieldLabel, FINDING_STATE, ruleLabel, SEVERITY, STATUS } from '../labels.js';
import { fieldKey } from '../spans.js';
import { offsetsAgree, textOfFile } from '../text-file.js';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

/** Where a finding is: page, line and column; for a model, its field in words (parsed from the model's text). */
function where(f: Finding, model?: unknown): string {
  const l = f.location;
  const field = l.jsonPath ? (model !== undefined ? fieldLabel(model, fieldKey(l.jsonPath)) : l.jsonPath) : '';
  return `${l.page !== undefined ? `第${l.page}页 ` : ''}第${l.line}行第${l.column}列${field ? `（字段：${field}）` : ''}`;
}

function Accept({ finding, canAccept, onDone }: { finding: Finding; canAccept: boolean; onDone: (f: Finding) => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  if (finding.id === undefined) return null;
  if (finding.state === 'accepted')
    return (
      <p className="accepted">
        已接受：{finding.justification}
        {canAccept && (
          <button className="link" onClick={() => api.setFinding(finding.id!, 'open').then(onDone, (e) => setError(e.message))}>撤销</button>
        )}
        {error && <span className="error">{error}</span>}
      </p>
    );
  if (!canAccept) return null;
  if (!open) return <button className="small" onClick={() => setOpen(true)}>接受并说明理由</button>;
  return (
    <form
      className="accept"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          onDone(await api.setFinding(finding.id!, 'accepted', text.trim()));
          setOpen(false);
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <textarea value={text} onChange={(e) => setText(e.target.value)} placeholder="说明为什么接受此差异（至少4个字），例如：上年数按调整后口径列示" required minLength={4} rows={2} />
      <button type="submit" className="small" disabled={text.trim().length < 4}>确认接受</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>取消</button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}

export function DocumentPage({ id, user }: { id: number; user: User }) {
  const [info, setInfo] = useState<DocumentInfo | null>(null);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [text, setText] = useState<string | null | undefined>(undefined);
  // A model's findings name their field in words: the model is the text the server returns for it.
  const model = useMemo(() => {
    if (info?.kind !== 'model' || !text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }, [info?.kind, text]);
  const [error, setError] = useState('');
  const [sev, setSev] = useState<Set<Severity>>(new Set(SEVERITIES));
  const [rule, setRule] = useState('');
  const [showAccepted, setShowAccepted] = useState(true);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        let d = await api.document(id);
        if (!live) return;
        setInfo(d);
        while (d.status === 'queued' || d.status === 'checking') {
          await new Promise((r) => setTimeout(r, 800));
          d = await api.document(id);
          if (!live) return;
          setInfo(d);
        }
        if (d.status !== 'done') return;
        const check = await api.findings(id);
        if (!live) return;
        const fs = check.results.flatMap((r) => r.findings);
        setFindings(fs);
        if (!/\.pdf$/i.test(d.filename) || d.kind === 'model') {
          const t = await api.documentText(id).then((x) => x.text, () => null);
          if (!live) return;
          if (t !== null || d.kind === 'model' || !/\.(txt|md)$/i.test(d.filename)) return setText(t);
          // No extracted text from the server: a plain-text upload decodes here the way the server's reader does.
          const bytes = new Uint8Array(await (await fetch(api.documentFileUrl(id), { credentials: 'same-origin' })).arrayBuffer());
          const own = textOfFile(bytes);
          if (live) setText(offsetsAgree(own, fs.map((f) => f.location)) ? own : null);
        }
      } catch (e) {
        if (live) setError((e as Error).message);
      }
    })();
    return () => {
      live = false;
    };
  }, [id]);

  // Errors first, then warnings, then hints; within a severity in reading order.
  const marks: Mark[] = useMemo(() => {
    const rank = { error: 0, warning: 1, info: 2 } as const;
    const pos = (f: Finding) => [f.location.page ?? 0, f.location.line, f.location.column];
    const ms = (findings ?? []).map((finding, key) => ({ key, finding }));
    return ms.sort((a, b) => {
      const d = rank[a.finding.severity] - rank[b.finding.severity];
      if (d !== 0) return d;
      const [p, q] = [pos(a.finding), pos(b.finding)];
      return p[0] - q[0] || p[1] - q[1] || p[2] - q[2];
    });
  }, [findings]);
  const rules = useMemo(() => [...new Set((findings ?? []).map((f) => f.ruleId))].sort(), [findings]);
  const shown = marks.filter(
    (m) => sev.has(m.finding.severity) && (!rule || m.finding.ruleId === rule) && (showAccepted || m.finding.state !== 'accepted'),
  );

  function select(key: number, scrollDoc: boolean) {
    setSelected(key);
    const target = scrollDoc ? document.querySelector(`.doc-pane [data-keys~="${key}"]`) : document.getElementById(`finding-${key}`);
    target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  }

  function replace(key: number, f: Finding) {
    setFindings((fs) => fs && fs.map((x, i) => (i === key ? { ...x, ...f, location: x.location } : x)));
  }

  if (error) return <p className="error">{error}</p>;
  if (!info) return <p className="muted">正在加载…</p>;
  const isPdf = /\.pdf$/i.test(info.filename) && info.kind !== 'model';
  const canAccept = user.role === 'admin' || user.role === 'reviewer';
  const counts = SEVERITIES.map((s) => [s, (findings ?? []).filter((f) => f.severity === s).length] as const);

  return (
    <div className="document">
      <h1>
        {info.kind === 'model' ? `数据模型（${info.year}年度）` : info.filename} <small>第{info.version}版 · {STATUS[info.status]}</small>
      </h1>
      {info.status === 'failed' && <p className="error">审核失败：{info.error}</p>}
      {(info.status === 'queued' || info.status === 'checking') && <p className="muted">正在审核，请稍候…</p>}
      {findings && (
        <div className="split">
          <div className="doc-pane">
            {isPdf ? (
              <PdfView url={api.documentFileUrl(id)} marks={shown} selected={selected} onSelect={(k) => select(k, false)} />
            ) : text === undefined ? (
              <p className="muted">正在加载原文…</p>
            ) : text === null ? (
              <p className="muted">服务器未提供此文档的文本，只列出问题。</p>
            ) : (
              <>
                <p className="muted doc-note">
                  {info.kind === 'model' ? '数据模型（JSON）：标出每条问题所在的字段。' : '从文档读出的文本：标出每条问题的位置。'}
                </p>
                <TextView text={text} marks={shown} selected={selected} onSelect={(k) => select(k, false)} />
              </>
            )}
          </div>
          <aside className="findings-pane">
            <div className="filters">
              <div className="summary">
                共 {findings.length} 条：
                {counts.map(([s, n]) => (
                  <label key={s} className={`sev-filter ${s}`}>
                    <input
                      type="checkbox"
                      checked={sev.has(s)}
                      onChange={(e) => {
                        const next = new Set(sev);
                        if (e.target.checked) next.add(s);
                        else next.delete(s);
                        setSev(next);
                      }}
                    />
                    {SEVERITY[s]} {n}
                  </label>
                ))}
              </div>
              <label>
                规则
                <select value={rule} onChange={(e) => setRule(e.target.value)} aria-label="按规则筛选">
                  <option value="">全部规则</option>
                  {rules.map((r) => (
                    <option key={r} value={r}>{ruleLabel(r)}（{findings.filter((f) => f.ruleId === r).length}）</option>
                  ))}
                </select>
              </label>
              <label>
                <input type="checkbox" checked={showAccepted} onChange={(e) => setShowAccepted(e.target.checked)} />
                显示已接受的问题
              </label>
            </div>
            {findings.length === 0 && <p className="ok">未发现问题。</p>}
            <ol className="findings">
              {shown.map(({ key, finding: f }) => (
                <li
                  key={key}
                  id={`finding-${key}`}
                  className={`finding ${f.severity}${selected === key ? ' selected' : ''}${f.state === 'accepted' ? ' is-accepted' : ''}`}
                  onClick={() => select(key, true)}
                >
                  <div className="head">
                    <span className={`sev ${f.severity}`}>{SEVERITY[f.severity]}</span>
                    <span className="rule">{ruleLabel(f.ruleId)}</span>
                    {f.state && f.state !== 'open' && <span className="state">{FINDING_STATE[f.state]}</span>}
                  </div>
                  <p className="msg">{f.message}</p>
                  {(f.expected !== undefined || f.actual !== undefined || f.difference !== undefined) && (
                    <table className="eav">
                      <tbody>
                        {f.expected !== undefined && <tr><th>应为</th><td>{f.expected}</td></tr>}
                        {f.actual !== undefined && <tr><th>实为</th><td>{f.actual}</td></tr>}
                        {f.difference !== undefined && <tr><th>差额</th><td>{f.difference}</td></tr>}
                      </tbody>
                    </table>
                  )}
                  <p className="where">位置：{where(f, model)}</p>
                  {f.related?.map((r, i) => (
                    <p className="where" key={i}>{r.label}：{where({ ...f, location: r.location }, model)}</p>
                  ))}
                  <div onClick={(e) => e.stopPropagation()}>
                    <Accept finding={f} canAccept={canAccept} onDone={(x) => replace(key, x)} />
                  </div>
                </li>
              ))}
            </ol>
          </aside>
        </div>
      )}
    </div>
  );
}
