// The free-text part of q as a boolean tree of words and phrases that the full-text index can answer
// (match-sql.ts writes it for each database); the rest of q stays SQL (sql-filter.ts).
import { QueryNode, QuerySyntaxError } from './solr-syntax';
import { isStopWord, words } from './text';

export type MatchNode =
  | { kind: 'word'; word: string }
  | { kind: 'phrase'; words: string[] }
  /** Every child, and none of `without`. */
  | { kind: 'and'; children: MatchNode[]; without: MatchNode[] }
  | { kind: 'or'; children: MatchNode[] };

/** More words than this in one search is not a search: refused, so that no query grows unbounded. */
export const MAX_MATCH_WORDS = 32;

/** A node the index cannot answer alone (a field, a range, a lone negation): SQL does. */
const SQL = 'sql' as const;
/** null: the node matches everything (only stop words or punctuation), so it filters nothing. */
type Converted = MatchNode | null | typeof SQL;

function isFreeText(node: QueryNode): node is Extract<QueryNode, { kind: 'term' }> {
  return node.kind === 'term' && (node.field === '' || node.field === 'text');
}

/** A free-text value as the index reads it: one word, a phrase, or nothing when only stop words or punctuation. */
export function textMatch(value: string): MatchNode | null {
  // Solr's fuzziness and boosts (word~2, word^3) change nothing here: the word is searched as it is.
  const list = words(value.replace(/[~^]\d*(?:\.\d+)?$/, ''));
  if (list.every(isStopWord)) return null;
  return list.length === 1 ? { kind: 'word', word: list[0] } : { kind: 'phrase', words: list };
}

function convertAnd(children: QueryNode[]): Converted {
  const positives: MatchNode[] = [];
  const without: MatchNode[] = [];
  for (const child of children) {
    const negated = child.kind === 'not';
    const converted = convert(negated ? child.child : child);
    if (converted === SQL) return SQL;
    if (converted) (negated ? without : positives).push(converted);
  }
  if (!positives.length) return without.length ? SQL : null;
  return positives.length === 1 && !without.length ? positives[0] : { kind: 'and', children: positives, without };
}

function convert(node: QueryNode): Converted {
  if (isFreeText(node)) return textMatch(node.value);
  if (node.kind === 'and') return convertAnd(node.children);
  if (node.kind === 'or') {
    const children = node.children.map(convert);
    if (children.some((c) => c === SQL)) return SQL;
    // One side matching everything makes the whole OR match everything.
    if (children.some((c) => c === null)) return null;
    return { kind: 'or', children: children as MatchNode[] };
  }
  return SQL;
}

/**
 * q split in two: what the index answers (and ranks by), and what is left for SQL. Top-level clauses
 * joined by AND are taken one by one, so `trasporti organization:comune` uses the index for the word.
 */
export function splitQuery(q: QueryNode): { match: MatchNode | null; rest: QueryNode } {
  const clauses = q.kind === 'and' ? q.children : [q];
  const indexed: QueryNode[] = [];
  const rest: QueryNode[] = [];
  for (const clause of clauses) {
    const converted = convert(clause.kind === 'not' ? clause.child : clause);
    if (converted === SQL || (clause.kind === 'not' && converted !== null)) rest.push(clause);
    else if (converted !== null) indexed.push(clause);
  }
  const match = indexed.length ? (convertAnd(indexed) as MatchNode) : null;
  countWords(match);
  return { match, rest: rest.length === 0 ? { kind: 'all' } : rest.length === 1 ? rest[0] : { kind: 'and', children: rest } };
}

function countWords(node: MatchNode | null): void {
  const count = (n: MatchNode): number =>
    n.kind === 'word' ? 1 : n.kind === 'phrase' ? n.words.length : n.kind === 'or' ? n.children.reduce((s, c) => s + count(c), 0)
      : [...n.children, ...n.without].reduce((s, c) => s + count(c), 0);
  if (node && count(node) > MAX_MATCH_WORDS) throw new QuerySyntaxError(`troppe parole nella ricerca (al massimo ${MAX_MATCH_WORDS})`);
}
