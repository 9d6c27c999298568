/**
 * sarif: SARIF 2.1.0 for code-scanning tools. tool.driver.rules comes from rulesMeta (description as the
 * short/full description, the regulation basis as help); each finding is a result with level
 * error/warning/note and a physical location (region startLine/startColumn/endLine/endColumn/charOffset/
 * charLength, UTF-16 columns); rule crashes and unreadable files are toolExecutionNotifications.
 * `results` is always present, even when empty. JSON key order is free, so the results are written first
 * (streamed per file) and the tool and invocation, which need the whole batch, at the end.
 */
import { lineColumn } from '../core/span.js';
import type { Location } from '../core/span.js';
import type { Finding, RuleMeta, Severity } from '../rules/types.js';
import { makeFormatter, type FormatContext, type FormatResult, type FormatStream } from './types.js';
import { fingerprint } from './fingerprint.js';
import { displayPath, generatedTextName, publicBasis, sortedFindings, spanOf } from './util.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A SARIF URI for a path: relative paths stay relative, absolute ones become file:// URIs. */
function pathToUri(file: string): string {
  const p = file.replace(/\\/g, '/');
  const enc = encodeURI(p).replace(/\?/g, '%3F').replace(/#/g, '%23');
  if (/^[A-Za-z]:\//.test(p)) return `file:///${enc}`;
  if (p.startsWith('/')) return `file://${enc}`;
  return enc;
}

function ruleDescriptor(meta: RuleMeta): Record<string, unknown> {
  return {
    id: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.description },
    help: { text: publicBasis(meta.basis) || meta.description },
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { type: meta.type },
  };
}

function region(r: FormatResult, loc: Location): Record<string, number> | undefined {
  const span = spanOf(r.doc, loc);
  if (r.doc && span) {
    const s = lineColumn(r.doc.lineStarts, span.start);
    const e = lineColumn(r.doc.lineStarts, span.end);
    return {
      startLine: s.line,
      startColumn: s.column,
      endLine: e.line,
      endColumn: e.column,
      charOffset: span.start,
      charLength: span.end - span.start,
    };
  }
  if (!(loc.line >= 1)) return undefined;
  const out: Record<string, number> = { startLine: loc.line };
  if (loc.column >= 1) out.startColumn = loc.column;
  if (loc.endLine !== undefined && loc.endLine >= loc.line) out.endLine = loc.endLine;
  if (loc.endColumn !== undefined && loc.endColumn >= 1) out.endColumn = loc.endColumn;
  if (loc.offset !== undefined && loc.offset >= 0) out.charOffset = loc.offset;
  if (loc.length !== undefined && loc.length >= 0) out.charLength = loc.length;
  return out;
}

type Artifact = { uri: string; uriBaseId?: string };

function physicalLocation(r: FormatResult, artifactLocation: Artifact, loc: Location): Record<string, unknown> {
  const reg = region(r, loc);
  return reg ? { artifactLocation, region: reg } : { artifactLocation };
}

function stream(ctx: FormatContext): FormatStream {
  const metas = Object.values(ctx.rulesMeta).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rules = metas.map(ruleDescriptor);
  const ruleIndex = new Map<string, number>(metas.map((m, i) => [m.id, i]));
  const indexOf = (id: string): number => {
    let i = ruleIndex.get(id);
    if (i === undefined) {
      i = rules.length;
      rules.push({ id, shortDescription: { text: id } });
      ruleIndex.set(id, i);
    }
    return i;
  };
  const notifications: Record<string, unknown>[] = [];
  let n = 0;

  const result = (r: FormatResult, art: Artifact, f: Finding): Record<string, unknown> => {
    const out: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: indexOf(f.ruleId),
      level: LEVEL[f.severity],
      kind: 'fail',
      message: { text: f.message },
      partialFingerprints: { 'juesuan/v1': fingerprint(f) },
      locations: [{ physicalLocation: physicalLocation(r, art, f.location) }],
    };
    if (f.related && f.related.length > 0) {
      out.relatedLocations = f.related.map((rel, id) => ({
        id,
        message: { text: rel.label },
        physicalLocation: physicalLocation(r, art, rel.location),
      }));
    }
    const props: Record<string, unknown> = { messageId: f.messageId, severity: f.severity };
    if (generatedTextName(r)) {
      // Positions are in the text generated from the model, not in the model file: keep them out of the
      // region (a viewer would mark the wrong line of the .json) and give them as a property instead.
      out.locations = [{ physicalLocation: { artifactLocation: art } }];
      props.generatedText = region(r, f.location);
      delete out.relatedLocations;
    }
    if (f.expected !== undefined) props.expected = f.expected;
    if (f.actual !== undefined) props.actual = f.actual;
    if (f.difference !== undefined) props.difference = f.difference;
    if (f.location.page !== undefined) props.page = f.location.page;
    out.properties = props;
    return out;
  };

  return {
    head: () => '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"columnKind":"utf16CodeUnits","results":[',
    file(r) {
      const uri = pathToUri(displayPath(r.file, ctx.cwd));
      const art: Artifact = ctx.cwd && !uri.startsWith('file:') ? { uri, uriBaseId: '%SRCROOT%' } : { uri };
      const where = [{ physicalLocation: { artifactLocation: art } }];
      for (const e of r.internalErrors) {
        notifications.push({
          level: 'error',
          message: { text: `规则 ${e.ruleId} 运行失败：${e.message}` },
          associatedRule: { id: e.ruleId, index: indexOf(e.ruleId) },
          locations: where,
        });
      }
      if (r.readError) {
        notifications.push({
          level: 'error',
          message: { text: r.readError.message },
          descriptor: { id: `read/${r.readError.code}` },
          locations: where,
        });
      }
      let out = '';
      for (const f of sortedFindings(r.findings)) out += (n++ > 0 ? ',\n' : '\n') + JSON.stringify(result(r, art, f));
      return out;
    },
    tail(summary) {
      const driver: Record<string, unknown> = { name: 'juesuan', rules };
      if (ctx.toolVersion) {
        driver.version = ctx.toolVersion;
        driver.semanticVersion = ctx.toolVersion;
      }
      const run: Record<string, unknown> = {
        tool: { driver },
        invocations: [
          {
            executionSuccessful: !notifications.some((x) => x.level === 'error'),
            toolExecutionNotifications: notifications,
          },
        ],
      };
      if (summary) run.properties = { skippedFiles: summary.skipped, acceptedFindings: summary.suppressed };
      if (ctx.cwd) run.originalUriBaseIds = { '%SRCROOT%': { uri: pathToUri(ctx.cwd.replace(/[\\/]*$/, '/')) } };
      const rest = JSON.stringify(run).slice(1, -1);
      return `${n > 0 ? '\n' : ''}],${rest}}]}\n`;
    },
  };
}

export const sarif = makeFormatter(stream);
