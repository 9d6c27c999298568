/** One department: years with badges, documents, generation, charts over the years, and the cross-year check. */
import { useEffect, useState } from 'react';
import { api, type Department, type DocumentInfo, type Finding, type User } from '../api.js';
import { YearBadge } from '../components/badges.js';
import { GeneratePanel, loadModelState } from '../components/generate.js';
import { DepartmentCharts } from '../components/department-charts.js';
import { STATUS } from '../labels.js';

function CrossYear({ department, year, hasPrior }: { department: number; year: number; hasPrior: boolean }) {
  const [findings, setFindings] = useState<Finding[] | null>(null);
  useEffect(() => {
    loadModelState(department, year).then(
      (s) => setFindings((s?.findings ?? []).filter((f) => f.ruleId === 'cross/prior-year')),
      () => setFindings([]),
    );
  }, [department, year]);
  if (!hasPrior) return <p className="muted">数据库中没有本部门{year - 1}年度的数据，无法做跨年核对。</p>;
  if (findings === null) return <p className="muted">正在加载…</p>;
  if (findings.length === 0) return <p className="ok">{year}年度公开的上年数与{year - 1}年度公开数一致。</p>;
  return (
    <ul className="findings-plain">
      {findings.map((f, i) => (
        <li key={i}>
          <span className={`sev ${f.severity}`}>{f.severity === 'error' ? '错误' : f.severity === 'warning' ? '警告' : '提示'}</span> {f.message}
        </li>
      ))}
    </ul>
  );
}

export function DepartmentPage({ id, user }: { id: number; user: User }) {
  const [d, setD] = useState<Department | null>(null);
  const [docs, setDocs] = useState<DocumentInfo[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    api.department(id).then(setD, (e) => setError(e.message));
    api.documents({ department: id }).then(setDocs, () => undefined);
  }, [id]);

  if (error) return <p className="error">{error}</p>;
  if (!d) return <p className="muted">正在加载…</p>;
  const years = Object.keys(d.years).map(Number).sort((a, b) => b - a);

  return (
    <div className="department">
      <h1>{d.name}</h1>
      <p>
        <a className="button" href={`#/upload?department=${d.id}`}>上传文档审核</a>
      </p>
      {years.length === 0 && <p className="muted">本部门尚无任何年度的数据或文档。</p>}
      <section className="card">
        <h2>历年对比</h2>
        <DepartmentCharts department={d.id} />
      </section>

      {years.map((y) => (
        <section className="card year" key={y} data-year={y}>
          <h2>
            {y}年度 <YearBadge year={String(y)} badge={d.years[y]} />
          </h2>
          <p>
            <a href={`#/edit/${d.id}/year/${y}`}>编辑数据</a>
            {' · '}
            <a href={`#/upload?department=${d.id}&year=${y}`}>上传本年度文档</a>
          </p>
          <h3>生成与下载</h3>
          <GeneratePanel department={d.id} year={y} canPublish={user.role === 'admin' || user.role === 'reviewer'} />
          <h3>跨年核对</h3>
          <CrossYear department={d.id} year={y} hasPrior={years.includes(y - 1) && d.years[y - 1]?.hasModel === true} />
        </section>
      ))}
      <section className="card">
        <h2>文档</h2>
        {docs.length === 0 && <p className="muted">尚无文档。</p>}
        {docs.length > 0 && (
          <table className="list">
            <thead>
              <tr><th>文件</th><th>年度</th><th>版本</th><th>状态</th><th>错误</th><th>警告</th><th>提示</th></tr>
            </thead>
            <tbody>
              {docs.map((x) => (
                <tr key={x.id}>
                  <td><a href={`#/document/${x.id}`}>{x.kind === 'model' ? '数据模型' : x.filename}</a></td>
                  <td>{x.year ?? '—'}</td>
                  <td>第{x.version}版</td>
                  <td>{STATUS[x.status] ?? x.status}</td>
                  <td>{x.counts.error}</td>
                  <td>{x.counts.warning}</td>
                  <td>{x.counts.info}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
