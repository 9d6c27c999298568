/** A department over the years: expenditure by 功能分类 类, 三公 expenses, and 三公 budget execution. */
import { useEffect, useState } from 'react';
import { api } from '../api.js';
import { Chart, plot } from './lazy.js';

type Data = {
  exp: Awaited<ReturnType<typeof api.expenditure>>;
  sg: Awaited<ReturnType<typeof api.sanGong>>;
  ex: Awaited<ReturnType<typeof api.execution>>;
};

const money = { type: 'value' as const, name: '万元' };

/** One chart over the years: title on top, legend below, the given axes and series. */
function overYears(title: string, years: number[], yAxis: object, series: object[], legendBottom = 48) {
  return {
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, type: 'scroll' },
    grid: { top: 48, bottom: legendBottom, left: 8, right: 16 },
    xAxis: { type: 'category', data: years.map((y) => `${y}年`) },
    yAxis,
    series,
  };
}

export function DepartmentCharts({ department }: { department: number }) {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    Promise.all([api.expenditure(department), api.sanGong(department), api.execution(department)]).then(
      ([exp, sg, ex]) => setData({ exp, sg, ex }),
      (e) => setError(e.message),
    );
  }, [department]);

  if (error) return <p className="error">{error}</p>;
  if (!data) return <p className="muted">正在加载…</p>;
  if (data.exp.years.length === 0) return <p className="muted">尚无可对比的年度数据。</p>;
  const { exp, sg, ex } = data;

  return (
    <div className="charts">
      <Chart
        label="按功能分类（类）的支出"
        option={overYears(
          '支出决算（按功能分类“类”）',
          exp.years,
          money,
          exp.series.map((s) => ({ name: `${s.code} ${s.name}`, type: 'bar', stack: 'total', data: plot(s.values) })),
          56,
        )}
      />
      <Chart
        label="三公经费历年支出"
        option={overYears('“三公”经费支出', sg.years, money, [
          { name: '合计', type: 'line', data: plot(sg.series.total) },
          { name: '因公出国（境）费', type: 'bar', data: plot(sg.series.abroad) },
          { name: '公务用车购置及运行维护费', type: 'bar', data: plot(sg.series.vehicle) },
          { name: '公务接待费', type: 'bar', data: plot(sg.series.reception) },
        ])}
      />
      <Chart
        label="三公经费预算执行"
        option={overYears('“三公”经费预算执行', ex.years, [money, { type: 'value', name: '执行率（%）' }], [
          { name: '预算数', type: 'bar', data: plot(ex.budget) },
          { name: '决算数', type: 'bar', data: plot(ex.actual) },
          { name: '执行率', type: 'line', yAxisIndex: 1, data: plot(ex.rate) },
        ])}
      />
    </div>
  );
}
