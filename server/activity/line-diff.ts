// activity_diff's three formats of a line difference, as CKAN makes them with Python's difflib:
// "unified" and "context" (the text of `diff -u` and `diff -c`, without file names) and "html", a
// table of the changed lines before and after, every line escaped.
import Handlebars from 'handlebars';
import { diffSequences, DiffOp } from './text-diff';

export type DiffType = 'unified' | 'context' | 'html';

interface Entry { op: DiffOp; line: string; oldAt: number; newAt: number; replaced: boolean }

const CONTEXT = 3;

/** Every line with its place in both versions; a removal next to an addition is a replacement. */
function entries(before: string[], after: string[]): Entry[] {
  const list: Entry[] = [];
  let oldAt = 0;
  let newAt = 0;
  const runs = diffSequences(before, after);
  runs.forEach((run, index) => {
    const neighbour = run.op === 'delete' ? runs[index + 1] : run.op === 'insert' ? runs[index - 1] : undefined;
    const replaced = neighbour !== undefined && neighbour.op !== 'equal' && neighbour.op !== run.op;
    for (const line of run.items) {
      list.push({ op: run.op, line, oldAt, newAt, replaced });
      if (run.op !== 'insert') oldAt += 1;
      if (run.op !== 'delete') newAt += 1;
    }
  });
  return list;
}

/** The changed lines with CONTEXT lines around them; changes closer than twice that share one group. */
function groups(list: Entry[]): Entry[][] {
  const changed = list.flatMap((entry, index) => (entry.op === 'equal' ? [] : [index]));
  const result: Entry[][] = [];
  let first = 0;
  while (first < changed.length) {
    let last = first;
    while (last + 1 < changed.length && changed[last + 1] - changed[last] <= 2 * CONTEXT) last += 1;
    result.push(list.slice(Math.max(0, changed[first] - CONTEXT), changed[last] + CONTEXT + 1));
    first = last + 1;
  }
  return result;
}

function span(group: Entry[], side: 'old' | 'new'): [number, number] {
  const counted = group.filter((e) => e.op !== (side === 'old' ? 'insert' : 'delete'));
  const start = side === 'old' ? group[0].oldAt : group[0].newAt;
  return [start, counted.length];
}

function unifiedRange([start, length]: [number, number]): string {
  if (length === 1) return `${start + 1}`;
  return `${length ? start + 1 : start},${length}`;
}

function unified(list: Entry[]): string[] {
  const lines: string[] = [];
  for (const group of groups(list)) {
    if (!lines.length) lines.push('--- ', '+++ ');
    lines.push(`@@ -${unifiedRange(span(group, 'old'))} +${unifiedRange(span(group, 'new'))} @@`);
    for (const e of group) lines.push(`${e.op === 'equal' ? ' ' : e.op === 'delete' ? '-' : '+'}${e.line}`);
  }
  return lines;
}

function contextRange([start, length]: [number, number]): string {
  const first = length ? start + 1 : start;
  return length <= 1 ? `${first}` : `${first},${first + length - 1}`;
}

function contextSide(group: Entry[], hidden: DiffOp, mark: string): string[] {
  if (!group.some((e) => e.op !== 'equal' && e.op !== hidden)) return [];
  return group.filter((e) => e.op !== hidden).map((e) => `${e.op === 'equal' ? ' ' : e.replaced ? '!' : mark} ${e.line}`);
}

function context(list: Entry[]): string[] {
  const lines: string[] = [];
  for (const group of groups(list)) {
    if (!lines.length) lines.push('*** ', '--- ');
    lines.push('***************', `*** ${contextRange(span(group, 'old'))} ****`, ...contextSide(group, 'insert', '-'));
    lines.push(`--- ${contextRange(span(group, 'new'))} ----`, ...contextSide(group, 'delete', '+'));
  }
  return lines;
}

const escape = (text: string) => Handlebars.Utils.escapeExpression(text);

/** Rows of (before, after): kept lines side by side, a replacement's lines paired in order. */
function htmlRows(group: Entry[]): string[] {
  const rows: string[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i += 1) {
      const cell = (line: string | undefined, tag: string) => (line === undefined ? '<td></td>' : `<td><${tag}>${escape(line)}</${tag}></td>`);
      rows.push(`<tr>${cell(removed[i], 'del')}${cell(added[i], 'ins')}</tr>`);
    }
    removed = [];
    added = [];
  };
  for (const e of group) {
    if (e.op === 'delete') removed.push(e.line);
    else if (e.op === 'insert') added.push(e.line);
    else { flush(); rows.push(`<tr><td>${escape(e.line)}</td><td>${escape(e.line)}</td></tr>`); }
  }
  flush();
  return rows;
}

function html(list: Entry[]): string {
  const body = groups(list).map((group) => htmlRows(group).join('')).join('<tr><td colspan="2">…</td></tr>');
  return `<table class="activity-diff"><thead><tr><th scope="col">Prima</th><th scope="col">Dopo</th></tr></thead><tbody>${body}</tbody></table>`;
}

/** The difference between two texts, line by line, in one of activity_diff's formats. */
export function lineDiff(before: string, after: string, type: DiffType): string {
  const list = entries(before.split('\n'), after.split('\n'));
  if (type === 'html') return html(list);
  return (type === 'unified' ? unified(list) : context(list)).join('\n');
}
