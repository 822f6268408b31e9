// The line diffs activity_diff returns read as Python's difflib writes them (the expected texts were
// made with difflib.unified_diff and context_diff, lineterm=''), and the description's word diff.
import { lineDiff } from '../../server/activity/line-diff';
import { wordDiff } from '../../server/activity/text-diff';

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
