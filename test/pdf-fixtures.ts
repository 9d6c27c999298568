/**
 * Hand-made PDF bytes for the PDF reader tests: text placed at given positions (Helvetica), pages with
 * only an image (no text layer), an /Encrypt dictionary whose user password is not empty, many pages.
 * Written here so that no corpus copy or binary fixture is committed.
 */

export interface TextRun {
  text: string;
  x: number;
  /** Baseline y in PDF user space (origin bottom-left). */
  y: number;
  size?: number;
}

export interface FixturePage {
  runs?: TextRun[];
  /** Draw a 1×1 grey image scaled to the page (a "scanned" page). */
  image?: boolean;
}

export interface FixtureOptions {
  /** Add a Standard security handler whose user password is not empty. */
  encrypted?: boolean;
}

const esc = (s: string) => s.replace(/[\\()]/g, (c) => '\\' + c);

/** Build a PDF from pages; the xref offsets are computed, so pdfjs needs no repair. */
export function makePdf(pages: FixturePage[], opts: FixtureOptions = {}): Uint8Array {
  const objs: string[] = [];
  const add = (body: string) => {
    objs.push(body);
    return objs.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = add('<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream');
  const kids: number[] = [];
  for (const p of pages) {
    let content = '';
    if (p.image) content += 'q 595 0 0 842 0 0 cm /Im1 Do Q\n';
    for (const r of p.runs ?? []) content += `BT /F1 ${r.size ?? 12} Tf ${r.x} ${r.y} Td (${esc(r.text)}) Tj ET\n`;
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}endstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Contents ${stream} 0 R ` +
          `/Resources << /Font << /F1 ${font} 0 R >> /XObject << /Im1 ${image} 0 R >> >> >>`,
      ),
    );
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objs[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let encrypt = '';
  if (opts.encrypted) {
    const hex = (n: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + n) % 256).toString(16).padStart(2, '0')).join('');
    const enc = add(`<< /Filter /Standard /V 1 /R 2 /O <${hex(1)}> /U <${hex(2)}> /P -44 >>`);
    encrypt = ` /Encrypt ${enc} 0 R /ID [<${hex(3).slice(0, 32)}> <${hex(3).slice(0, 32)}>]`;
  }
  return pdfFromObjects(objs, catalog, encrypt);
}

/** Bytes of a PDF whose object i+1 is objs[i], with a computed cross-reference table (pdfjs needs no repair). */
export function pdfFromObjects(objs: string[], root: number, trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root ${root} 0 R${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
