// The search index on SQLite: FTS5. `search_doc` holds one row per dataset (its folded title and
// facet values) and `search_fts` its words and their stems in eight columns, four weight classes each
// (text.ts folds and stems, so the unicode61 tokenizer sees plain words). A word matches itself as a
// prefix among the words, or its stem among the stems; every token is quoted, so no FTS5 syntax typed
// by a user ever reaches FTS5.
import { EntityManager } from 'typeorm';
import { MatchNode } from './match';
import { SearchDocument } from './search-document';
import { SqlParams, runSql } from './sql-params';
import { stem } from './text';
import type { SearchBackend } from './search-index';

const WORDS = '{a b c d}';
const STEMS = '{sa sb sc sd}';
/** bm25 weight of each column: title and name, tags and themes, description, resources (words, then stems). */
const WEIGHTS = '10.0, 4.0, 2.0, 1.0, 10.0, 4.0, 2.0, 1.0';
/** Shorter words match only whole: a one- or two-letter prefix is nearly every word. */
const MIN_PREFIX = 3;

function fts5(node: MatchNode): string {
  switch (node.kind) {
    case 'word': {
      const prefix = node.word.length >= MIN_PREFIX ? '*' : '';
      return `(${WORDS} : "${node.word}"${prefix} OR ${STEMS} : "${stem(node.word)}")`;
    }
    case 'phrase':
      return `${WORDS} : "${node.words.join(' ')}"`;
    case 'or':
      return `(${node.children.map(fts5).join(' OR ')})`;
    case 'and':
      return node.without.reduce((expr, n) => `(${expr} NOT ${fts5(n)})`, `(${node.children.map(fts5).join(' AND ')})`);
  }
}

// CROSS JOIN: FTS5 first, then each match's row by rowid (SQLite keeps the order written).
const MATCHED = 'search_fts CROSS JOIN search_doc d ON d.rid = search_fts.rowid WHERE search_fts MATCH';

async function remove(m: EntityManager, ids: string[]): Promise<void> {
  const p = new SqlParams('r');
  const list = p.list(ids);
  await runSql(m, `DELETE FROM search_fts WHERE rowid IN (SELECT rid FROM search_doc WHERE package_id IN ${list})`, p.values);
  await runSql(m, `DELETE FROM search_doc WHERE package_id IN ${list}`, p.values);
}

async function write(m: EntityManager, docs: SearchDocument[]): Promise<void> {
  await remove(m, docs.map((d) => d.packageId));
  const p = new SqlParams('w');
  const rows = docs.map((d) => `(${p.add(d.packageId)}, ${p.add(d.titleKey)}, ${p.add(JSON.stringify(d.facets))})`);
  const inserted = await runSql<{ rid: number; package_id: string }>(m, `INSERT INTO search_doc (package_id, title_key, facets) VALUES ${rows.join(', ')} RETURNING rid, package_id`, p.values);
  const rid = new Map(inserted.map((r) => [r.package_id, r.rid]));
  // A row of the FTS table left without its search_doc (a damaged index) must not block the new one.
  const stale = new SqlParams('x');
  await runSql(m, `DELETE FROM search_fts WHERE rowid IN ${stale.list(inserted.map((r) => r.rid))}`, stale.values);
  const t = new SqlParams('t');
  const texts = docs.map((d) => `(${[rid.get(d.packageId), ...d.words, ...d.stems].map((v) => t.add(v)).join(', ')})`);
  await runSql(m, `INSERT INTO search_fts (rowid, a, b, c, d, sa, sb, sc, sd) VALUES ${texts.join(', ')}`, t.values);
}

export const sqliteBackend: SearchBackend = {
  batchSize: 300,
  hits: (node, p) => `SELECT d.package_id AS package_id, d.title_key AS title_key, d.facets AS facets, -bm25(search_fts, ${WEIGHTS}) AS score
    FROM ${MATCHED} ${p.add(fts5(node))}`,
  jsonTextList: (list) => `json_each(${list}) AS j`,
  contains: (node, p) => `p.id IN (SELECT d.package_id FROM ${MATCHED} ${p.add(fts5(node))})`,
  write,
  remove,
  removeOrphans: async (m) => {
    await runSql(m, 'DELETE FROM search_fts WHERE rowid IN (SELECT rid FROM search_doc WHERE package_id NOT IN (SELECT id FROM "package"))', {});
    await runSql(m, 'DELETE FROM search_doc WHERE package_id NOT IN (SELECT id FROM "package")', {});
    await runSql(m, 'DELETE FROM search_fts WHERE rowid NOT IN (SELECT rid FROM search_doc)', {});
  },
};
