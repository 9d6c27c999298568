/**
 * The data editor of a department-year: the tables' figures (the leaves) and the texts (reasons, purposes,
 * profile). Checks re-run as you type (debounced dry run on the server); saving stores a new model version.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type Finding } from '../api.js';
import { TABLE_SPECS } from '../../../src/model/tables.js';
import { GeneratePanel, loadModelState } from '../components/generate.js';
import { fieldLabel, LABEL, ruleLabel, SEVERITY, type TableJson } from '../labels.js';
import { fieldKey } from '../spans.js';

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };
type Path = (string | number)[];


/** Counts (辆, 人次, 批次, 个, 台套): a number input even when the value is still null. */
const COUNTS = new Set([
  'abroadGroups', 'abroadPeople', 'vehiclesPurchased', 'vehiclesHeld', 'receptionBatches', 'receptionPeople',
  'foreignAffairsBatches', 'foreignAffairsPeople', 'foreignGuestBatches', 'foreignGuestPeople', 'projectCount',
  'formCount', 'generalEquipmentOver50', 'specialEquipmentOver100',
]);

const BANDS: Record<string, string> = { achieved: '达成', partial: '部分达成', failed: '未达成' };

function label(k: string | number): string {
  return typeof k === 'number' ? `第${k + 1}项` : (LABEL[k] ?? k);
}

/** The findings of the latest check by field key (`sanGong.total.actual`, `tables.0.rows.8.values.amount`). */
const FieldFindings = createContext<Map<string, Finding[]>>(new Map());

const RANK = { error: 3, warning: 2, info: 1 } as const;

/** A mark beside a field the check found something about: the worst severity, the messages on hover. */
function Flag({ at }: { at: string }) {
  const fs = useContext(FieldFindings).get(at);
  if (!fs || fs.length === 0) return null;
  const worst = fs.map((f) => f.severity).sort((a, b) => RANK[b] - RANK[a])[0];
  return (
    <span className={`field-flag ${worst}`} title={fs.map((f) => f.message).join('\n')} data-flag={at}>
      {SEVERITY[worst]}{fs.length > 1 ? ` ${fs.length}` : ''}
    </span>
  );
}

/** A field key in words: table, row and column for a table cell, else the labels of its path. */

function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [k, ...rest] = path;
  if (Array.isArray(root)) return root.map((x, i) => (i === k ? setAt(x, rest, value) : x));
  const o = (root ?? {}) as { [k: string]: Json };
  return { ...o, [k]: setAt(o[k as string] ?? null, rest, value) };
}

/** A leaf's input: numbers stay numbers, empty money fields become null ("not stated"). */
function Leaf(props: { value: Json; path: Path; onChange: (p: Path, v: Json) => void }) {
  const id = props.path.join('.');
  return (
    <span className="leaf" data-path={id}>
      <LeafInput {...props} />
      <Flag at={id} />
    </span>
  );
}

function LeafInput({ value, path, onChange }: { value: Json; path: Path; onChange: (p: Path, v: Json) => void }) {
  const id = path.join('.');
  const key = path[path.length - 1];
  if (key === 'band')
    return (
      <select value={(value as string) ?? ''} onChange={(e) => onChange(path, e.target.value || null)} aria-label={id}>
        <option value="">未选</option>
        {Object.entries(BANDS).map(([v, l]) => (
          <option key={v} value={v}>{l}</option>
        ))}
      </select>
    );
  if (value === null && typeof key === 'string' && COUNTS.has(key))
    return <input className="num" type="number" value="" placeholder="未填" onChange={(e) => onChange(path, e.target.value === '' ? null : Number(e.target.value))} aria-label={id} />;
  if (typeof value === 'boolean')
    return <input type="checkbox" checked={value} onChange={(e) => onChange(path, e.target.checked)} aria-label={id} />;
  if (typeof value === 'number')
    return <input className="num" type="number" value={value} onChange={(e) => onChange(path, e.target.value === '' ? null : Number(e.target.value))} aria-label={id} />;
  const s = value ?? '';
  if (typeof s === 'string' && s.length > 40)
    return <textarea value={s} rows={Math.min(6, Math.ceil(s.length / 60))} onChange={(e) => onChange(path, e.target.value)} aria-label={id} />;
  return <input value={s as string} onChange={(e) => onChange(path, e.target.value === '' ? null : e.target.value)} aria-label={id} placeholder="未填" />;
}

function Tree({ value, path, onChange }: { value: Json; path: Path; onChange: (p: Path, v: Json) => void }) {
  if (value === null || typeof value !== 'object') return <Leaf value={value} path={path} onChange={onChange} />;
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return (
    <dl className="tree-edit">
      {entries.map(([k, v]) => (
        <div key={k} className={v !== null && typeof v === 'object' ? 'group' : 'field'} data-group={[...path, k].join('.')}>
          <dt>
            {label(k)}
            {v !== null && typeof v === 'object' && <Flag at={[...path, k].join('.')} />}
          </dt>
          <dd>
            <Tree value={v} path={[...path, k]} onChange={onChange} />
          </dd>
        </div>
      ))}
    </dl>
  );
}


function TableEditor({ t, index, onChange }: { t: TableJson; index: number; onChange: (p: Path, v: Json) => void }) {
  const spec = TABLE_SPECS[t.kind];
  const cols = spec.columns.filter((c) => t.rows.some((r) => c.key in r.values));
  if (t.rows.length === 0) return <p className="muted">本表无数据行（空表）。</p>;
  return (
    <table className="grid">
      <thead>
        <tr>
          <th>科目编码</th>
          <th>项目</th>
          {cols.map((c) => (
            <th key={c.key}>{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {t.rows.map((r, ri) => (
          <tr key={ri}>
            <td>{r.code ?? ''}</td>
            <td>
              {r.name}
              <Flag at={`tables.${index}.rows.${ri}`} />
            </td>
            {cols.map((c) => (
              <td key={c.key} data-path={`tables.${index}.rows.${ri}.values.${c.key}`}>
                {c.key in r.values ? (
                  <input
                    className="num"
                    value={r.values[c.key] ?? ''}
                    placeholder="未填"
                    aria-label={`${spec.title} ${r.name} ${c.label}`}
                    onChange={(e) => onChange(['tables', index, 'rows', ri, 'values', c.key], e.target.value === '' ? null : e.target.value)}
                  />
                ) : null}
                <Flag at={`tables.${index}.rows.${ri}.values.${c.key}`} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SKIP = new Set(['schemaVersion', 'style', 'tables', 'dataNotes', 'year']);

function TabCount({ n }: { n: number }) {
  return n > 0 ? <span className="tab-count" title={`本表有 ${n} 处字段有审核问题`}>{n}</span> : null;
}

export function EditorPage({ department, year }: { department: number; year: number }) {
  const [model, setModel] = useState<Json | undefined>(undefined);
  const [error, setError] = useState('');
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [checkNote, setCheckNote] = useState('');
  const [saved, setSaved] = useState('');
  const [dirty, setDirty] = useState(false);
  const [tab, setTab] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  const asked = useRef(0);
  const [draftChecked, setDraftChecked] = useState(false);
  const live = useRef(true);

  /** The stored check of the latest saved model (shown until a dry run answers, or when there is none). */
  async function storedCheck() {
    for (;;) {
      const st = await loadModelState(department, year);
      if (!st || st.status === 'done' || st.status === 'failed') {
        if (st) setFindings(st.findings);
        setCheckNote(live.current ? '' : '即时审核不可用：显示的是最近一次保存的审核结果。');
        return;
      }
      setCheckNote('正在审核已保存的数据…');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  useEffect(() => {
    api.model(department, year).then(
      (m) => setModel(m.model as Json),
      (e) => setError(e instanceof ApiError && e.status === 404 ? `${year}年度尚无数据模型。` : e.message),
    );
  }, [department, year]);

  /** Check the draft as it stands (600 ms after the last keystroke); a slower, older answer never replaces a newer one. */
  function recheck(m: Json) {
    window.clearTimeout(timer.current);
    if (!live.current) return;
    timer.current = window.setTimeout(async () => {
      const mine = ++asked.current;
      setCheckNote('正在审核草稿…');
      try {
        const r = await api.checkModel(m);
        if (mine !== asked.current) return;
        setFindings(r.results.flatMap((x) => x.findings));
        setDraftChecked(true);
        setCheckNote('');
      } catch (e) {
        if (mine !== asked.current) return;
        if (e instanceof ApiError && e.status === 404) {
          live.current = false;
          storedCheck().catch(() => undefined);
        } else if (e instanceof ApiError && e.code === 'invalid-model') {
          // The draft does not fit the schema (e.g. letters in an amount): each issue beside its field.
          const issues = (e.body.issues as { path: string; message: string }[] | undefined) ?? [];
          setFindings(issues.map((i) => ({ ruleId: 'model/schema', severity: 'error', message: `${i.path}：${i.message}`, location: { line: 1, column: 1, jsonPath: i.path } })));
          setDraftChecked(true);
          setCheckNote(e.message);
        } else setCheckNote((e as Error).message);
      }
    }, 600);
  }

  useEffect(() => {
    if (model !== undefined) recheck(model);
    // runs once the model first arrives (not on every edit: recheck runs from the edit handlers)
  }, [model === undefined]);

  function onChange(path: Path, value: Json) {
    setModel((m) => {
      const next = setAt(m ?? null, path, value);
      recheck(next);
      return next;
    });
    setDirty(true);
    setSaved('');
  }

  async function save() {
    try {
      const r = await api.saveModel(department, year, model);
      setSaved(`已保存为第${r.version}版，正在审核。`);
      setDirty(false);
      // The saved version's own check (the same findings a dry run gives, and the ones generation waits for).
      storedCheck().catch(() => undefined);
    } catch (e) {
      setSaved((e as Error).message);
    }
  }

  const tables = useMemo(() => ((model as { tables?: TableJson[] } | undefined)?.tables ?? []) as TableJson[], [model]);
  const byField = useMemo(() => {
    const m = new Map<string, Finding[]>();
    for (const f of findings ?? []) {
      if (!f.location.jsonPath) continue;
      const k = fieldKey(f.location.jsonPath);
      m.set(k, [...(m.get(k) ?? []), f]);
    }
    return m;
  }, [findings]);

  /** Show the field a finding is about: its table tab, its section opened, scrolled to and focused. */
  function jump(key: string) {
    const p = key.split('.');
    if (p[0] === 'tables' && p[1] !== undefined) setTab(Number(p[1]));
    window.setTimeout(() => {
      let el: Element | null = null;
      for (let n = p.length; n > 0 && !el; n--) {
        const k = p.slice(0, n).join('.');
        el = document.querySelector(`.edit-pane [data-path="${k}"]`) ?? document.querySelector(`.edit-pane [data-group="${k}"]`);
      }
      if (!el) return;
      el.closest('details')?.setAttribute('open', '');
      el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      (el.querySelector('input, textarea, select') as HTMLElement | null)?.focus({ preventScroll: true });
    }, 50);
  }
  if (error) return <p className="error">{error}</p>;
  if (model === undefined) return <p className="muted">正在加载…</p>;
  const o = model as { [k: string]: Json };
  const sections = Object.keys(o).filter((k) => !SKIP.has(k));
  const counts = (['error', 'warning', 'info'] as const).map((s) => [s, (findings ?? []).filter((f) => f.severity === s).length] as const);

  const order = { error: 0, warning: 1, info: 2 } as const;
  const listed = [...(findings ?? [])].sort((a, b) => order[a.severity] - order[b.severity]);

  return (
    <FieldFindings.Provider value={byField}>
    <div className="editor">
      <h1>
        编辑数据：{String((o.body as { name?: string } | null)?.name ?? '')} {year}年度
      </h1>
      <div className="split">
        <div className="edit-pane">
          <section className="card">
            <h2>表格</h2>
            <div className="tabs" role="tablist">
              {tables.map((t, i) => (
                <button key={i} role="tab" aria-selected={tab === i} className={tab === i ? 'on' : ''} onClick={() => setTab(i)}>
                  {TABLE_SPECS[t.kind]?.title ?? t.kind}
                  <TabCount n={[...byField.keys()].filter((k) => k.startsWith(`tables.${i}.`)).length} />
                </button>
              ))}
            </div>
            {tables[tab] && <TableEditor t={tables[tab]} index={tab} onChange={onChange} />}
            {tables[tab] && <p className="muted">单位：{tables[tab].unit ?? '万元'}。留空表示“未列示”，0 表示零。</p>}
          </section>
          {sections.map((k) => (
            <details className="card" key={k} open={k === 'sanGong'}>
              <summary>{label(k)}</summary>
              <Tree value={o[k]} path={[k]} onChange={onChange} />
            </details>
          ))}
        </div>
        <aside className="findings-pane">
          <div className="savebar">
            <button onClick={save} disabled={!dirty}>保存</button>
            {saved && <span className="note" role="status">{saved}</span>}
          </div>
          <h2>即时审核</h2>
          <p className="muted" data-check={draftChecked ? 'draft' : 'none'}>
            {draftChecked ? (dirty ? '审核的是当前草稿（尚未保存），随输入自动重新审核。' : '审核的是当前数据，随输入自动重新审核。') : ''}
          </p>
          {checkNote && <p className="muted">{checkNote}</p>}
          {findings && (
            <p>
              {counts.map(([s, n]) => (
                <span key={s} className={`sev ${s}`}>{SEVERITY[s]} {n}</span>
              ))}
            </p>
          )}
          <ol className="findings">
            {listed.map((f, i) => (
              <li key={i} className={`finding ${f.severity}`}>
                <div className="head">
                  <span className={`sev ${f.severity}`}>{SEVERITY[f.severity]}</span>
                  <span className="rule">{ruleLabel(f.ruleId)}</span>
                </div>
                {f.location.jsonPath && (
                  <button className="link field-link" onClick={() => jump(fieldKey(f.location.jsonPath!))} data-field={fieldKey(f.location.jsonPath)}>
                    字段：{fieldLabel(model, fieldKey(f.location.jsonPath))}
                  </button>
                )}
                <p className="msg">{f.message}</p>
                {(f.expected !== undefined || f.actual !== undefined) && (
                  <p className="eav-line">应为 {f.expected ?? '—'}，实为 {f.actual ?? '—'}{f.difference ? `，差额 ${f.difference}` : ''}</p>
                )}
              </li>
            ))}
          </ol>
          <h2>生成</h2>
          {dirty ? <p className="muted">有未保存的修改；保存并审核后再生成。</p> : <GeneratePanel department={department} year={year} />}
        </aside>
      </div>
    </div>
    </FieldFindings.Provider>
  );
}
