// The resource page's load report: the load's state (a progress bar while it runs), what was read,
// the problems by kind with their first occurrences, and the AgID CSV rules, each with its fix.
import { Request } from 'express';
import type { ValidationReport } from '../ingest/analyse';
import type { Problem, ProblemKind } from '../ingest/report';
import { formatCount } from './resource-actions';
import { t } from './page';

export type LoadStatus = 'pending' | 'running' | 'success' | 'failure' | 'error';

/** resource_validation_show's answer: the state of the resource's last load and its report. */
export interface Validation {
  status: LoadStatus;
  progress?: { rows_read?: number; percent?: number | null } | null;
  /** Why the load failed (a file that is no table, data that does not fit the editor's types), in Italian and English. */
  error?: string | null;
  error_en?: string | null;
  report?: ValidationReport | null;
}

/** How many occurrences of each kind the page lists: the report keeps more, the count says how many. */
const EXAMPLES_SHOWN = 5;

/** The kinds that break each AgID CSV rule (Frictionless' names for structural problems). */
const AGID_RULES: { id: string; breakers: string[]; passes?: (v: Validation) => boolean }[] = [
  { id: 'rfc4180', breakers: [], passes: (v) => !v.report?.read.delimiter || v.report.read.delimiter === ',' },
  { id: 'header', breakers: ['blank-header', 'duplicate-header'] },
  { id: 'blank_rows', breakers: ['blank-row'] },
  { id: 'row_width', breakers: ['extra-cell', 'missing-cell'] },
  { id: 'utf8', breakers: ['encoding-replacement'], passes: (v) => !v.report?.read.encoding || /^utf-?8$/i.test(v.report.read.encoding) },
];

const inLanguage = (req: Request, it: string, en?: string) => ((req.lang ?? 'it') === 'en' && en ? en : it);

function delimiterName(req: Request, delimiter: string | null | undefined): string {
  const names: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
  if (!delimiter) return '';
  return names[delimiter] ? t(req, `report.delimiter.${names[delimiter]}`) : delimiter;
}

function kindView(req: Request, kind: ProblemKind, count: number, problems: Problem[]) {
  const lang = req.lang ?? 'it';
  const examples = problems.filter((p) => p.kind === kind).slice(0, EXAMPLES_SHOWN);
  return {
    code: kind,
    label: t(req, `report.kind.${kind}`),
    count: formatCount(count, lang),
    examples: examples.map((p) => ({
      row: p.row == null ? '' : formatCount(p.row, lang),
      column: p.column ?? '',
      message: inLanguage(req, p.message, p.message_en),
    })),
    more: count > examples.length ? t(req, 'report.more', { count: formatCount(count - examples.length, lang) }) : null,
  };
}

function failureReason(req: Request, validation: Validation): string | null {
  return validation.error ? inLanguage(req, validation.error, validation.error_en ?? undefined) : null;
}

function agidChecks(req: Request, validation: Validation) {
  const counts = validation.report?.counts ?? {};
  const failed = new Set(Object.keys(counts).filter((kind) => (counts[kind as ProblemKind] ?? 0) > 0));
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
  const rows = validation.progress?.rows_read ?? 0;
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
    reason: failureReason(req, validation),
    read: report && !running ? {
      encoding: report.read.encoding ? report.read.encoding.toUpperCase() : '',
      delimiter: delimiterName(req, report.read.delimiter),
      rows: formatCount(report.read.rows, lang),
      columns: formatCount(report.read.columns, lang),
    } : null,
    problems: Object.entries(report?.counts ?? {}).filter(([, count]) => (count ?? 0) > 0)
      .map(([kind, count]) => kindView(req, kind as ProblemKind, count!, report!.problems)),
    // The rules are checked on a delimited text file that was read: a file that could not be read has only its reason.
    agid: report?.read.format === 'csv' && !running ? agidChecks(req, validation) : [],
  };
}

export type LoadCause = 'upload' | 'dictionary';

/** The announcement after an editor's upload or dictionary correction: what happened to the load, for a role="status" region. */
export function loadFlash(req: Request, validation: Validation | null, cause: LoadCause = 'upload') {
  if (!validation) return { kind: 'info', text: t(req, `flash.${cause}.saved`) };
  if (validation.status === 'success') {
    return { kind: 'success', text: t(req, `flash.${cause}.loaded`, { rows: formatCount(validation.report?.read.rows ?? 0, req.lang ?? 'it') }) };
  }
  if (validation.status === 'failure' || validation.status === 'error') {
    return { kind: 'danger', text: t(req, `flash.${cause}.failed`, { reason: failureReason(req, validation) ?? '' }) };
  }
  return { kind: 'info', text: t(req, `flash.${cause}.loading`) };
}
