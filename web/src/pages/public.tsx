/**
 * The public pages (no sign-in): every published department-year with its downloads (the published report
 * versions) and the department's charts over its published years. The public API gives nothing else.
 */
import { useEffect, useMemo, useState } from 'react';
import { api, type PublicReport } from '../api.js';
import { DepartmentCharts } from '../components/department-charts.js';
import { FORMAT } from '../labels.js';

interface PublicDepartment {
  id: number;
  name: string;
  region: string;
  /** year → the latest published version of each format */
  years: Map<number, PublicReport[]>;
}

function group(reports: PublicReport[]): PublicDepartment[] {
  const out = new Map<number, PublicDepartment>();
  for (const r of reports) {
    const d: PublicDepartment = out.get(r.departmentId) ?? { id: r.departmentId, name: r.departmentName, region: r.regionName, years: new Map<number, PublicReport[]>() };
    out.set(r.departmentId, d);
    const list = d.years.get(r.year) ?? [];
    const same = list.findIndex((x) => x.format === r.format);
    if (same < 0) list.push(r);
    else if (list[same].version < r.version) list[same] = r;
    d.years.set(r.year, list);
  }
  return [...out.values()].sort((a, b) => a.region.localeCompare(b.region, 'zh') || a.name.localeCompare(b.name, 'zh'));
}

export function PublicPage() {
  const [reports, setReports] = useState<PublicReport[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api.publicReports().then(setReports, (e) => setError(e.message));
  }, []);
  const departments = useMemo(() => group(reports ?? []), [reports]);

  return (
    <div className="public-list">
      <h1>部门决算公开</h1>
      <p className="muted">已公开的部门决算：按部门列出各年度的公开文本下载，以及历年对比图表。</p>
      {error && <p className="error">{error}</p>}
      {!reports && !error && <p className="muted">正在加载…</p>}
      {reports && departments.length === 0 && <p className="muted">暂无已公开的部门决算。</p>}
      {departments.map((d) => (
        <section className="card dept-public" key={d.id} data-department={d.id}>
          <h2>
            {d.name}
            <small>{d.region}</small>
          </h2>
          {[...d.years.keys()]
            .sort((a, b) => b - a)
            .map((y) => (
              <div key={y} className="public-year" data-year={y}>
                <h3>{y}年度部门决算</h3>
                <ul className="downloads">
                  {d.years.get(y)!.map((r) => (
                    <li key={r.id}>
                      <a href={api.reportUrl(r.id)} download data-download={r.format}>
                        下载{FORMAT[r.format] ?? r.format}
                      </a>{' '}
                      <span className="muted">第{r.version}版 · {(r.size / 1024).toFixed(1)} KB</span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          <DepartmentCharts department={d.id} />
        </section>
      ))}
    </div>
  );
}
