import type { Badge } from '../api.js';

/** Per-year badge: errors / warnings / generated reports / published. */
export function YearBadge({ year, badge }: { year: string; badge: Badge }) {
  return (
    <span className="year-badge" title={`${year}年度：错误${badge.errors}，警告${badge.warnings}，已生成${badge.reports}份${badge.published ? '，已公开' : ''}`}>
      <b>{year}</b>
      <span className={badge.errors > 0 ? 'n err' : 'n zero'}>错 {badge.errors}</span>
      <span className={badge.warnings > 0 ? 'n warn' : 'n zero'}>警 {badge.warnings}</span>
      <span className={badge.reports > 0 ? 'n gen' : 'n zero'}>生成 {badge.reports}</span>
      {badge.published ? <span className="n pub">已公开</span> : <span className="n zero">未公开</span>}
    </span>
  );
}
