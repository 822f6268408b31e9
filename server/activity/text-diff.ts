// The difference between two sequences (lines of JSON, words of a description) as runs of kept,
// removed and added items: Myers' shortest edit script ("An O(ND) Difference Algorithm", 1986), after
// trimming the common ends. Its cost grows with the size of the change, not of the texts, so a long
// dataset with two small edits stays cheap. No diff library is among the dependencies.

export type DiffOp = 'equal' | 'delete' | 'insert';
export interface DiffRun { op: DiffOp; items: string[] }

/**
 * Past this many removed and added items the middle is shown as replaced whole: the search keeps one
 * row of (2·d + 3) positions per step d, so this bounds its memory (about 16 MB) and time.
 */
const MAX_EDITS = 2000;

function push(runs: DiffRun[], op: DiffOp, items: string[]): void {
  if (!items.length) return;
  const last = runs[runs.length - 1];
  if (last && last.op === op) last.items.push(...items);
  else runs.push({ op, items: [...items] });
}

/**
 * The furthest-reaching positions on each diagonal k = x − y after each number of edits d, until the
 * end of both sequences is reached; null when that takes more than MAX_EDITS edits.
 */
function editTrace(a: string[], b: string[]): Int32Array[] | null {
  const [n, m] = [a.length, b.length];
  const limit = Math.min(n + m, MAX_EDITS);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d += 1) {
    // Before step d: the positions step d - 1 reached, on diagonals -d-1 .. d+1.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      // Down (an insertion) from diagonal k+1, or right (a deletion) from k-1, whichever reached further.
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x += 1; y += 1; }
      v[offset + k] = x;
      if (x >= n && y >= m) return trace;
    }
  }
  return null;
}

/** The runs of the middle parts, which share no first or last item. */
function middleRuns(a: string[], b: string[]): DiffRun[] {
  const trace = a.length && b.length ? editTrace(a, b) : null;
  if (!trace) return [{ op: 'delete' as const, items: a }, { op: 'insert' as const, items: b }].filter((r) => r.items.length);
  // Walk back from the end: each step d came from diagonal k±1, after a run of equal items.
  const steps: { op: DiffOp; item: string }[] = [];
  let [x, y] = [a.length, b.length];
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) { x -= 1; y -= 1; steps.push({ op: 'equal', item: a[x] }); }
    if (d > 0 && x === prevX) { y -= 1; steps.push({ op: 'insert', item: b[y] }); }
    else if (d > 0) { x -= 1; steps.push({ op: 'delete', item: a[x] }); }
  }
  const runs: DiffRun[] = [];
  for (let i = steps.length - 1; i >= 0; i -= 1) push(runs, steps[i].op, [steps[i].item]);
  return runs;
}

export function diffSequences(a: string[], b: string[]): DiffRun[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  const runs: DiffRun[] = [];
  push(runs, 'equal', a.slice(0, start));
  for (const run of middleRuns(a.slice(start, a.length - end), b.slice(start, b.length - end))) push(runs, run.op, run.items);
  push(runs, 'equal', a.slice(a.length - end));
  return runs;
}

export interface TextSegment { op: DiffOp; text: string }

/**
 * Words, the spaces between them and each punctuation mark on its own ("centro," is "centro" and ","),
 * so that a word followed by new text is still the same word; joining the tokens gives the text back.
 */
function words(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]/gu) ?? [];
}

/** A readable difference of two texts, word by word: what stayed, what was removed, what was added. */
export function wordDiff(before: string, after: string): TextSegment[] {
  return diffSequences(words(before), words(after)).map((run) => ({ op: run.op, text: run.items.join('') }));
}
