/**
 * The heavy parts load on demand: ECharts (~0.5 MB) only where a chart is drawn, pdf.js (~0.4 MB + worker)
 * only in the findings view of a PDF. Sign-in and the tree need neither.
 */
import { lazy, Suspense, type ComponentProps } from 'react';

const ChartImpl = lazy(() => import('./chart.js').then((m) => ({ default: m.Chart })));
const PdfViewImpl = lazy(() => import('./pdf-view.js').then((m) => ({ default: m.PdfView })));

export function Chart(props: ComponentProps<typeof ChartImpl>) {
  return (
    <Suspense fallback={<div className="chart muted" style={{ height: props.height ?? 320 }}>正在加载图表…</div>}>
      <ChartImpl {...props} />
    </Suspense>
  );
}

export function PdfView(props: ComponentProps<typeof PdfViewImpl>) {
  return (
    <Suspense fallback={<p className="muted">正在加载 PDF 阅读器…</p>}>
      <PdfViewImpl {...props} />
    </Suspense>
  );
}

/** Decimal strings (万元) to numbers for drawing only. */
export function plot(values: (string | null)[]): (number | null)[] {
  return values.map((v) => (v === null || v === '' ? null : Number(v)));
}
