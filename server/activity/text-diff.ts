// The difference between two sequences (lines of JSON, words of a description) as runs of kept,
// removed and added items: a longest common subsequence after trimming the common ends. No diff
// library is among the dependencies, and this is all activity_diff and the history page need.

export type DiffOp = 'equal' | 'delete' | 'insert';
export interface DiffRun { op: DiffOp; items: string[] }

/**
 * Past this many cells (old × new items left once the common ends are trimmed) the middle is shown as
 * replaced whole: the table would cost too much memory and time for a change nobody reads word by word.
 */
const MAX_CELLS = 4_000_000;

function push(runs: DiffRun[], op: DiffOp, items: string[]): void {
  if (!items.length) return;
  const last = runs[runs.length - 1];
  if (last && last.op === op) last.items.push(...items);
  else runs.push({ op, items: [...items] });
}

/** The runs of the middle parts, which share no first or last item. */
function middleRuns(a: string[], b: string[]): DiffRun[] {
  const runs: DiffRun[] = [];
  if (!a.length || !b.length || a.length * b.length > MAX_CELLS) {
    push(runs, 'delete', a);
    push(runs, 'insert', b);
    return runs;
  }
  const width = b.length + 1;
  // lcs[i * width + j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { push(runs, 'equal', [a[i]]); i += 1; j += 1; }
    else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) { push(runs, 'delete', [a[i]]); i += 1; }
    else { push(runs, 'insert', [b[j]]); j += 1; }
  }
  push(runs, 'delete', a.slice(i));
  push(runs, 'insert', b.slice(j));
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
