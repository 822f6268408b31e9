// The line diffs activity_diff returns read as Python's difflib writes them (the expected texts were
// made with difflib.unified_diff and context_diff, lineterm=''), and the description's word diff.
import { lineDiff } from '../../server/activity/line-diff';
import { diffSequences, wordDiff } from '../../server/activity/text-diff';

const before = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl';
const after = 'a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nl\nm';

describe('lineDiff', () => {
  it('writes a unified diff as difflib does, with three lines of context', () => {
    expect(lineDiff(before, after, 'unified')).toBe('--- \n+++ \n@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -8,5 +8,5 @@\n h\n i\n j\n-k\n l\n+m');
    expect(lineDiff('x', 'y\nz', 'unified')).toBe('--- \n+++ \n@@ -1 +1,2 @@\n-x\n+y\n+z');
  });

  it('writes a context diff as difflib does', () => {
    expect(lineDiff(before, after, 'context')).toBe(
      '*** \n--- \n***************\n*** 1,5 ****\n  a\n! b\n  c\n  d\n  e\n--- 1,5 ----\n  a\n! B\n  c\n  d\n  e\n'
      + '***************\n*** 8,12 ****\n  h\n  i\n  j\n- k\n  l\n--- 8,12 ----\n  h\n  i\n  j\n  l\n+ m',
    );
    expect(lineDiff('x', 'y\nz', 'context')).toBe('*** \n--- \n***************\n*** 1 ****\n! x\n--- 1,2 ----\n! y\n! z');
  });

  it('is empty when nothing changed, and escapes every line of the html table', () => {
    expect(lineDiff(before, before, 'unified')).toBe('');
    const html = lineDiff('<b>prima</b>', '"dopo" & co', 'html');
    expect(html).toContain('<td><del>&lt;b&gt;prima&lt;/b&gt;</del></td><td><ins>&quot;dopo&quot; &amp; co</ins></td>');
  });
});

describe('wordDiff', () => {
  it('keeps the words in common, punctuation apart, and marks the ones removed and added', () => {
    expect(wordDiff('Misure giornaliere di Prato.', 'Misure orarie di Prato e Firenze.')).toEqual([
      { op: 'equal', text: 'Misure ' },
      { op: 'delete', text: 'giornaliere' },
      { op: 'insert', text: 'orarie' },
      { op: 'equal', text: ' di Prato' },
      { op: 'insert', text: ' e Firenze' },
      { op: 'equal', text: '.' },
    ]);
  });

  it('gives the whole text back from either side', () => {
    const old = 'Uno due tre quattro\n\ncinque sei';
    const now = 'Uno tre quattro cinque\n\nsei sette';
    const segments = wordDiff(old, now);
    expect(segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe(old);
    expect(segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(now);
  });
});

/** The length of the longest common subsequence, by the plain table: what a shortest edit must keep. */
function lcsLength(a: string[], b: string[]): number {
  let row = new Array<number>(b.length + 1).fill(0);
  for (const item of a) {
    const next = [0];
    for (let j = 0; j < b.length; j += 1) next.push(item === b[j] ? row[j] + 1 : Math.max(row[j + 1], next[j]));
    row = next;
  }
  return row[b.length];
}

describe('diffSequences', () => {
  it('gives back both sides with the fewest removals and additions, on many small random pairs', () => {
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const sequence = () => Array.from({ length: Math.floor(random() * 12) }, () => 'abcd'[Math.floor(random() * 4)]);
    for (let i = 0; i < 500; i += 1) {
      const [a, b] = [sequence(), sequence()];
      const runs = diffSequences(a, b);
      expect(runs.filter((r) => r.op !== 'insert').flatMap((r) => r.items)).toEqual(a);
      expect(runs.filter((r) => r.op !== 'delete').flatMap((r) => r.items)).toEqual(b);
      const edits = runs.filter((r) => r.op !== 'equal').reduce((sum, r) => sum + r.items.length, 0);
      expect(edits).toBe(a.length + b.length - 2 * lcsLength(a, b));
    }
  });

  it('keeps two small edits far apart in a long text small', () => {
    const before = Array.from({ length: 20000 }, (_, i) => `riga ${i}`);
    const after = before.map((line, i) => (i === 100 || i === 19000 ? `${line} cambiata` : line));
    const runs = diffSequences(before, after);
    expect(runs.filter((r) => r.op !== 'equal').map((r) => [r.op, r.items])).toEqual([
      ['delete', ['riga 100']], ['insert', ['riga 100 cambiata']], ['delete', ['riga 19000']], ['insert', ['riga 19000 cambiata']],
    ]);
  });

  it('shows a rewrite too large to search as replaced whole', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `vecchia ${i}`);
    const after = Array.from({ length: 3000 }, (_, i) => `nuova ${i}`);
    expect(diffSequences(before, after)).toEqual([{ op: 'delete', items: before }, { op: 'insert', items: after }]);
  });
});
