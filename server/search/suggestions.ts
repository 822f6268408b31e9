// "Forse cercavi …": when a search finds nothing, close words from the index's vocabulary
// (`search_word`, filled as datasets are indexed) by edit distance, each kept only if the search with
// it instead finds something the caller may see: the vocabulary also holds words of private datasets,
// and a suggestion must not reveal them. Cheap: one range read of the vocabulary per word, and at
// most a few counts, only for searches that found nothing.
import leven from 'leven';
import { EntityManager } from 'typeorm';
import { MatchNode } from './match';
import { runSql, SqlParams } from './sql-params';

const MAX_SUGGESTIONS = 3;
/** Candidates read per word, and counts tried per search: the bounds that keep this cheap. */
const MAX_CANDIDATES = 5000;
const MAX_TRIES = 6;

/** The words of a search made only of words (the common case); others get no suggestion. */
function plainWords(match: MatchNode): string[] | null {
  if (match.kind === 'word') return [match.word];
  if (match.kind === 'and' && !match.without.length && match.children.every((c) => c.kind === 'word')) {
    return match.children.map((c) => (c as { word: string }).word);
  }
  return null;
}

function allowedDistance(word: string): number {
  return word.length <= 4 ? 1 : 2;
}

/** Vocabulary words near `word`: same first letter, similar length, within the edit distance; nearest first. */
async function nearWords(db: EntityManager, word: string): Promise<string[]> {
  const p = new SqlParams('s');
  const rows = await runSql<{ word: string }>(db, `SELECT word FROM search_word WHERE word >= ${p.add(word[0])} AND word < ${p.add(`${word[0]}\uffff`)}
    AND LENGTH(word) BETWEEN ${p.add(word.length - 2)} AND ${p.add(word.length + 2)} LIMIT ${MAX_CANDIDATES}`, p.values);
  const max = allowedDistance(word);
  return rows.map((r) => ({ word: r.word, distance: leven(word, r.word) }))
    .filter((c) => c.distance > 0 && c.distance <= max)
    .sort((a, b) => a.distance - b.distance || (a.word < b.word ? -1 : 1))
    .map((c) => c.word);
}

/**
 * Searches to suggest instead of `match`, as text: one word changed at a time. `finds` says whether a
 * search finds anything the caller may see, with the same filters.
 */
export async function suggestions(db: EntityManager, match: MatchNode, finds: (match: MatchNode) => Promise<boolean>): Promise<string[]> {
  const list = plainWords(match);
  if (!list) return [];
  const found: string[] = [];
  let tries = 0;
  for (const [i, word] of list.entries()) {
    for (const near of await nearWords(db, word)) {
      if (found.length >= MAX_SUGGESTIONS || tries >= MAX_TRIES) return found;
      tries += 1;
      const changed = list.map((w, j) => (j === i ? near : w));
      const node: MatchNode = changed.length === 1 ? { kind: 'word', word: near } : { kind: 'and', children: changed.map((w) => ({ kind: 'word', word: w })), without: [] };
      if (await finds(node)) found.push(changed.join(' '));
    }
  }
  return found;
}
