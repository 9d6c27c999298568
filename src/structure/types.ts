/** The section tree built from headings (第一部分, 一、, （一）, 1., (1)). */
export interface Section {
  /** Heading text as written (normalised). */
  title: string;
  /** Canonical section id when recognised (e.g. "三公", "机关运行经费"), else null. */
  id: string | null;
  level: number;
  /** Offsets: the heading line, and the whole section's body [start, end). */
  headingStart: number;
  headingEnd: number;
  start: number;
  end: number;
  /** Numbering as written, e.g. "三、" or "（二）". */
  numbering: string;
  children: Section[];
}
