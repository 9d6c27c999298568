/** A region's department tree with per-year badges, and the region's ranking by findings for a year. */
import { useEffect, useMemo, useState } from 'react';
import { api, type Department, type RankRow, type Region } from '../api.js';
import { YearBadge } from '../components/badges.js';
import { Chart } from '../components/lazy.js';

function DepartmentRow({ d, depth }: { d: Department; depth: number }) {
  const years = Object.keys(d.years).sort().reverse();
  return (
    <>
      <li className="dept" style={{ paddingLeft: depth * 18 }}>
        <a href={`#/department/${d.id}`}>{d.name}</a>
        {d.kind === 'unit' && <span className="tag">单位</span>}
        <span className="badges">
          {years.length === 0 && <span className="muted">暂无数据</span>}
          {years.map((y) => (
            <YearBadge key={y} year={y} badge={d.years[y]} />
          ))}
        </span>
      </li>
      {d.units?.map((u) => <DepartmentRow key={u.id} d={u} depth={depth + 1} />)}
    </>
  );
}

function RegionTree({ r, depth }: { r: Region; depth: number }) {
  return (
    <section className="region" style={{ marginLeft: depth * 12 }}>
      <h3>{r.name}</h3>
      <ul className="tree">
        {r.departments.map((d) => (
          <DepartmentRow key={d.id} d={d} depth={0} />
        ))}
        {r.departments.length === 0 && <li className="muted">本地区暂无部门</li>}
      </ul>
      {r.regions?.map((s) => <RegionTree key={s.id} r={s} depth={depth + 1} />)}
    </section>
  );
}

function flatRegions(rs: Region[]): Region[] {
  return rs.flatMap((r) => [r, ...flatRegions(r.regions ?? [])]);
}

function Ranking({ regions, years }: { regions: Region[]; years: number[] }) {
  const all = useMemo(() => flatRegions(regions), [regions]);
  const [region, setRegion] = useState<number | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [rows, setRows] = useState<RankRow[] | null>(null);
  const [error, setError] = useState('');
  const r = region ?? all[0]?.id ?? null;
  const y = year ?? years[years.length - 1] ?? null;

  useEffect(() => {
    if (r === null || y === null) return;
    api.ranking(r, y).then(setRows, (e) => setError(e.message));
  }, [r, y]);

  const top = (rows ?? []).slice(0, 15).reverse();
  return (
    <section className="card">
      <h2>按问题数排名</h2>
      <div className="controls">
        <label>
          地区
          <select value={r ?? ''} onChange={(e) => setRegion(Number(e.target.value))}>
            {all.map((x) => (
              <option key={x.id} value={x.id}>{x.name}</option>
            ))}
          </select>
        </label>
        <label>
          年度
          <select value={y ?? ''} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((x) => (
              <option key={x} value={x}>{x}年</option>
            ))}
          </select>
        </label>
      </div>
      {error && <p className="error">{error}</p>}
      {rows && rows.length === 0 && <p className="muted">该年度暂无审核结果。</p>}
      {rows && rows.length > 0 && (
        <Chart
          label="部门问题数排名"
          height={Math.max(200, top.length * 32 + 80)}
          option={{
            tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
            legend: { top: 0, data: ['错误', '警告', '提示'] },
            grid: { top: 36, left: 8, right: 32, bottom: 8 },
            xAxis: { type: 'value', name: '条', minInterval: 1 },
            yAxis: { type: 'category', data: top.map((x) => x.name) },
            series: [
              { name: '错误', type: 'bar', stack: 'n', barMaxWidth: 28, data: top.map((x) => x.errors), itemStyle: { color: '#c0392b' } },
              { name: '警告', type: 'bar', stack: 'n', barMaxWidth: 28, data: top.map((x) => x.warnings), itemStyle: { color: '#e67e22' } },
              { name: '提示', type: 'bar', stack: 'n', barMaxWidth: 28, data: top.map((x) => x.infos), itemStyle: { color: '#95a5a6' } },
            ],
          }}
        />
      )}
    </section>
  );
}

export function Home() {
  const [regions, setRegions] = useState<Region[] | null>(null);
  const [years, setYears] = useState<number[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    api.tree().then(setRegions, (e) => setError(e.message));
    api.years().then(setYears, () => undefined);
  }, []);

  return (
    <div className="home">
      <section className="card">
        <h2>部门与年度</h2>
        <p className="legend">
          徽标：<span className="n err">错</span> 错误数 · <span className="n warn">警</span> 警告数 · <span className="n gen">生成</span> 已生成报告数 ·
          <span className="n pub">已公开</span>
        </p>
        {error && <p className="error">{error}</p>}
        {!regions && !error && <p className="muted">正在加载…</p>}
        {regions?.map((r) => <RegionTree key={r.id} r={r} depth={0} />)}
      </section>
      {regions && regions.length > 0 && <Ranking regions={regions} years={years} />}
    </div>
  );
}
