// The resource page's load report: the load's state (a progress bar while it runs), what was read,
// the problems by kind with their first occurrences, and the AgID CSV rules, each with its fix.
import { Request } from 'express';
import { formatCount } from './resource-actions';
import { t } from './page';

export type LoadStatus = 'pending' | 'running' | 'success' | 'failure' | 'error';

export interface Problem { row?: number | null; column?: string | null; message: string; message_en?: string }
export interface ProblemKind { code: string; count: number; message?: string; message_en?: string; examples: Problem[] }

/** resource_validation_show's answer: the state of the resource's last load and its report. */
export interface Validation {
  status: LoadStatus;
  progress?: { rows?: number; percent?: number | null } | null;
  error?: { code?: string; message: string; message_en?: string } | null;
  report?: {
    encoding?: string | null;
    delimiter?: string | null;
    rows?: number | null;
    columns?: number | null;
    problems?: ProblemKind[];
  } | null;
}

/** How many occurrences of each kind the page lists: the report keeps more, the count says how many. */
const EXAMPLES_SHOWN = 5;

/** The kinds that break each AgID CSV rule (Frictionless' names for structural problems). */
const AGID_RULES: { id: string; breakers: string[]; passes?: (v: Validation) => boolean }[] = [
  { id: 'rfc4180', breakers: ['unterminated-quote', 'parse-error', 'record-too-large'], passes: (v) => !v.report?.delimiter || v.report.delimiter === ',' },
  { id: 'header', breakers: ['blank-header', 'duplicate-header', 'no-columns'] },
  { id: 'blank_rows', breakers: ['blank-row'] },
  { id: 'row_width', breakers: ['extra-cell', 'missing-cell'] },
  { id: 'utf8', breakers: ['encoding-error'], passes: (v) => !v.report?.encoding || /^utf-?8$/i.test(v.report.encoding) },
];

const inLanguage = (req: Request, it: string, en?: string) => ((req.lang ?? 'it') === 'en' && en ? en : it);

function delimiterName(req: Request, delimiter: string | null | undefined): string {
  const names: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
  if (!delimiter) return '';
  return names[delimiter] ? t(req, `report.delimiter.${names[delimiter]}`) : delimiter;
}

function kindView(req: Request, kind: ProblemKind) {
  const lang = req.lang ?? 'it';
  const key = `report.kind.${kind.code}`;
  const label = t(req, key);
  return {
    code: kind.code,
    label: label === key ? kind.code : label,
    count: formatCount(kind.count, lang),
    examples: kind.examples.slice(0, EXAMPLES_SHOWN).map((p) => ({
      row: p.row == null ? '' : formatCount(p.row, lang),
      column: p.column ?? '',
      message: inLanguage(req, p.message, p.message_en),
    })),
    more: kind.count > EXAMPLES_SHOWN ? t(req, 'report.more', { count: formatCount(kind.count - Math.min(EXAMPLES_SHOWN, kind.examples.length), lang) }) : null,
  };
}

function agidChecks(req: Request, validation: Validation) {
  const failed = new Set([...(validation.report?.problems ?? []).filter((k) => k.count > 0).map((k) => k.code), validation.error?.code ?? '']);
  return AGID_RULES.map((rule) => {
    const passed = !rule.breakers.some((code) => failed.has(code)) && (rule.passes ? rule.passes(validation) : true);
    return {
      rule: t(req, `agid.${rule.id}`),
      passed,
      outcome: t(req, passed ? 'agid.passed' : 'agid.failed'),
      fix: passed ? null : t(req, `agid.${rule.id}.fix`),
    };
  });
}

/** The progress bar's numbers and its text equivalent ("12.345 righe lette (40%)"). */
export function progressView(req: Request, validation: Validation) {
  const rows = validation.progress?.rows ?? 0;
  const percent = validation.progress?.percent;
  const known = typeof percent === 'number' && Number.isFinite(percent);
  const value = known ? Math.max(0, Math.min(100, Math.round(percent))) : 0;
  const lang = req.lang ?? 'it';
  return {
    percent: value,
    known,
    text: known ? t(req, 'progress.rows_percent', { rows: formatCount(rows, lang), percent: value }) : t(req, 'progress.rows', { rows: formatCount(rows, lang) }),
  };
}

/** What views/partials/resource-report.hbs shows. */
export function reportView(req: Request, validation: Validation) {
  const lang = req.lang ?? 'it';
  const report = validation.report ?? null;
  const running = validation.status === 'pending' || validation.status === 'running';
  return {
    status: validation.status,
    statusLabel: t(req, `report.status.${validation.status}`),
    running,
    progress: running ? progressView(req, validation) : null,
    failed: validation.status === 'failure' || validation.status === 'error',
    reason: validation.error ? inLanguage(req, validation.error.message, validation.error.message_en) : null,
    read: report && !running ? {
      encoding: report.encoding ? report.encoding.toUpperCase() : '',
      delimiter: delimiterName(req, report.delimiter),
      rows: report.rows == null ? '' : formatCount(report.rows, lang),
      columns: report.columns == null ? '' : formatCount(report.columns, lang),
    } : null,
    problems: (report?.problems ?? []).filter((k) => k.count > 0).map((k) => kindView(req, k)),
    agid: running ? [] : agidChecks(req, validation),
  };
}

/** The announcement after an editor's upload: what happened to the load, for a role="status" region. */
export function uploadFlash(req: Request, validation: Validation | null) {
  if (!validation) return { kind: 'info', text: t(req, 'flash.uploaded') };
  if (validation.status === 'success') {
    return { kind: 'success', text: t(req, 'flash.loaded', { rows: formatCount(validation.report?.rows ?? 0, req.lang ?? 'it') }) };
  }
  if (validation.status === 'failure' || validation.status === 'error') {
    const reason = validation.error ? inLanguage(req, validation.error.message, validation.error.message_en) : '';
    return { kind: 'danger', text: t(req, 'flash.failed', { reason }) };
  }
  return { kind: 'info', text: t(req, 'flash.loading') };
}
