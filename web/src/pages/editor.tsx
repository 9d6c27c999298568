/**
 * The data editor of a department-year: the tables' figures (the leaves) and the texts (reasons, purposes,
 * profile). Checks re-run as you type (debounced dry run on the server); saving stores a new model version.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, type Finding } from '../api.js';
import { TABLE_SPECS, type TableKind } from '../../../src/model/tables.js';
import { GeneratePanel, loadModelState } from '../components/generate.js';
import { ruleLabel, SEVERITY } from '../labels.js';
import { fieldKey } from '../spans.js';

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };
type Path = (string | number)[];

const LABEL: Record<string, string> = {
  body: '部门', name: '名称', level: '级次', region: '地区', province: '省', city: '市', county: '区县', regionShort: '地区简称',
  year: '年度', profile: '部门概况', functions: '主要职能', institutions: '机构设置', composition: '决算单位构成',
  comparatives: '上年数与预算数', prior: '上年数', budget: '预算数', fullYearBudget: '全年预算数', actual: '决算数',
  priorReason: '较上年变动原因', budgetReason: '与预算差异原因', purpose: '主要用途', remark: '备注', reason: '原因',
  sanGong: '“三公”经费', total: '合计', abroad: '因公出国（境）费', vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费', reception: '公务接待费', quantities: '实物量', abroadGroups: '出国团组数',
  abroadPeople: '出国人次', receptionBatches: '国内公务接待批次', receptionPeople: '国内公务接待人次',
  foreignAffairsBatches: '外事接待批次', foreignAffairsPeople: '外事接待人次', foreignGuestBatches: '外宾接待批次',
  foreignGuestPeople: '外宾接待人次', vehicleCount: '公务用车保有量', vehiclesBought: '购置车辆数',
  operatingCosts: '机关运行经费', current: '本年数', meetings: '会议费', training: '培训费', assets: '国有资产占用',
  asOf: '截至日期', vehicles: '车辆（辆）', generalEquipmentOver50: '单价50万元以上通用设备（台套）',
  specialEquipmentOver100: '单价100万元以上专用设备（台套）', procurement: '政府采购', goods: '货物', works: '工程',
  services: '服务', sme: '授予中小企业合同金额', micro: '其中授予小微企业', performance: '绩效管理',
  projectCount: '自评项目数', formCount: '自评表数', funds: '资金', conclusion: '结论', keyEvaluation: '重点绩效评价',
  selfEvaluations: '项目自评表', project: '项目', department: '主管部门', implementer: '实施单位', contact: '联系方式',
  goal: '年度目标', achievement: '实际完成', indicators: '绩效指标', level1: '一级指标', level2: '二级指标',
  target: '指标值', completion: '完成值', score: '得分', weight: '权重', unit: '单位', nature: '指标性质',
  totalScore: '总分', executed: '执行数', superior: '上级资金', local: '本级资金', glossary: '名词解释', term: '名词',
  definition: '解释', text: '说明', phone: '电话', showEmptyCategories: '显示空类别',
  vehiclesPurchased: '购置公务用车（辆）', vehiclesHeld: '公务用车保有量（辆）', band: '评价档次', code: '编码',
  note: '说明', title: '标题', empty: '空表', kind: '类别',
};

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
function fieldLabel(model: Json, key: string): string {
  const p = key.split('.');
  if (p[0] === 'tables' && p[1] !== undefined) {
    const t = ((model as { tables?: TableJson[] })?.tables ?? [])[Number(p[1])];
    const spec = t ? TABLE_SPECS[t.kind] : undefined;
    if (!spec) return '表格';
    const row = p[2] === 'rows' && p[3] !== undefined ? t!.rows[Number(p[3])] : undefined;
    const col = p[4] === 'values' && p[5] ? spec.columns.find((c) => c.key === p[5])?.label : undefined;
    return [spec.title, row?.name, col].filter(Boolean).join(' › ');
  }
  const words = p.map((k) => (/^\d+$/.test(k) ? `第${Number(k) + 1}项` : LABEL[k])).filter(Boolean);
  return words.length > 0 ? words.join(' › ') : '整体';
}

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

interface TableJson {
  kind: TableKind;
  unit?: string;
  rows: { key?: string; code?: string; name: string; values: Record<string, string | number | null> }[];
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
