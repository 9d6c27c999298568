/**
 * A PDF drawn in the browser with pdf.js, one canvas per page, each finding's box marked on its page
 * (boxes are PDF points with the origin at the page's top-left, see src/core/span.ts). Pages are drawn
 * when they come near the viewport, so a 60-page disclosure opens at once.
 */
import { useEffect, useRef, useState } from 'react';
import * as pdfjs from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { Finding } from '../api.js';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;


export interface Mark {
  key: number;
  finding: Finding;
}

function Page({
  doc,
  scale: SCALE,
  n,
  marks,
  selected,
  onSelect,
}: {
  doc: PDFDocumentProxy;
  scale: number;
  n: number;
  marks: Mark[];
  selected: number | null;
  onSelect: (key: number) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  const [visible, setVisible] = useState(n <= 2);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    let live = true;
    doc.getPage(n).then((p) => {
      const v = p.getViewport({ scale: SCALE });
      if (live) setSize({ w: v.width, h: v.height });
    });
    return () => {
      live = false;
    };
  }, [doc, n, SCALE]);

  useEffect(() => {
    if (!holder.current) return;
    const io = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '800px' });
    io.observe(holder.current);
    return () => io.disconnect();
  }, []);

  useEffect(() => {
    if (!visible || drawn || !canvas.current) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let live = true;
    doc.getPage(n).then((p) => {
      if (!live || !canvas.current) return;
      const ratio = window.devicePixelRatio || 1;
      const v = p.getViewport({ scale: SCALE * ratio });
      canvas.current.width = v.width;
      canvas.current.height = v.height;
      task = p.render({ canvas: canvas.current, viewport: v });
      task.promise.then(() => live && setDrawn(true), () => undefined);
    });
    return () => {
      live = false;
      task?.cancel();
    };
  }, [doc, n, visible, drawn, SCALE]);

  return (
    <div className="pdf-page" ref={holder} data-page={n} data-drawn={drawn ? 'yes' : 'no'} style={size ? { width: size.w, height: size.h } : { height: 1100 }}>
      <canvas ref={canvas} style={size ? { width: size.w, height: size.h } : undefined} />
      {marks.map(({ key, finding }) => {
        const b = finding.location.box;
        const style = b
          ? { left: b.x * SCALE - 2, top: b.y * SCALE - 2, width: b.w * SCALE + 4, height: b.h * SCALE + 4 }
          : { left: 0, top: 0, width: 8, height: '100%' };
        return (
          <button
            key={key}
            data-keys={String(key)}
            className={`box ${finding.severity}${selected === key ? ' selected' : ''}${b ? '' : ' nobox'}`}
            style={style}
            title={finding.message}
            aria-label={`问题标记：${finding.message}`}
            onClick={() => onSelect(key)}
          />
        );
      })}
      <span className="page-no">第 {n} 页</span>
    </div>
  );
}

export function PdfView({
  url,
  marks,
  selected,
  onSelect,
}: {
  url: string;
  marks: Mark[];
  selected: number | null;
  onSelect: (key: number) => void;
}) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [scale, setScale] = useState(0);
  const [error, setError] = useState('');
  const holder = useRef<HTMLDivElement>(null);

  // Fit the first page's width to the pane (between 0.8× and 1.6× of PDF points).
  useEffect(() => {
    if (!doc || !holder.current) return;
    const width = holder.current.clientWidth - 8;
    doc.getPage(1).then((p) => setScale(Math.max(0.8, Math.min(1.6, width / p.getViewport({ scale: 1 }).width))));
  }, [doc]);

  useEffect(() => {
    const task = pdfjs.getDocument({
      url,
      withCredentials: true,
      cMapUrl: '/pdfjs/cmaps/',
      cMapPacked: true,
      standardFontDataUrl: '/pdfjs/standard_fonts/',
      isEvalSupported: false,
    });
    task.promise.then(setDoc, (e: Error) => setError(`无法打开 PDF：${e.message}`));
    return () => {
      task.destroy();
    };
  }, [url]);

  if (error) return <p className="error">{error}</p>;
  if (!doc) return <p className="muted">正在打开 PDF…</p>;
  const pages = Array.from({ length: doc.numPages }, (_, i) => i + 1);
  return (
    <div className="pdf" ref={holder}>
      {scale > 0 && pages.map((n) => (
        <Page key={n} doc={doc} scale={scale} n={n} marks={marks.filter((m) => m.finding.location.page === n)} selected={selected} onSelect={onSelect} />
      ))}
    </div>
  );
}
