// The search index on PostgreSQL: one row per dataset in `search_doc`, its tsvector made of four weight
// classes (setweight A to D), each indexed twice: with the `simple` configuration (whole words, for
// prefixes: traspor:*) and with `italian` (Snowball stems: vaccino finds vaccini). Text arrives folded
// by text.ts, so accents never matter and the unaccent extension is not needed. GIN index; ts_rank ranks.
import { EntityManager } from 'typeorm';
import { MatchNode } from './match';
import { SearchDocument } from './search-document';
import { ParamSink, SqlParams, runSql } from './sql-params';
import type { SearchBackend } from './search-index';

const MIN_PREFIX = 3;

function tsquery(node: MatchNode, p: ParamSink): string {
  switch (node.kind) {
    case 'word': {
      const prefix = node.word.length >= MIN_PREFIX ? ':*' : '';
      return `(to_tsquery('simple', ${p.add(node.word + prefix)}) || to_tsquery('italian', ${p.add(node.word)}))`;
    }
    case 'phrase':
      return `phraseto_tsquery('simple', ${p.add(node.words.join(' '))})`;
    case 'or':
      return `(${node.children.map((c) => tsquery(c, p)).join(' || ')})`;
    case 'and':
      return node.without.reduce((expr, n) => `(${expr} && !!${tsquery(n, p)})`, `(${node.children.map((c) => tsquery(c, p)).join(' && ')})`);
  }
}

function vector(text: string, weight: string, p: ParamSink): string {
  const value = p.add(text);
  return `setweight(to_tsvector('simple', ${value}) || to_tsvector('italian', ${value}), '${weight}')`;
}

async function write(m: EntityManager, docs: SearchDocument[]): Promise<void> {
  const p = new SqlParams('w');
  const rows = docs.map((d) => {
    const document = d.words.map((text, i) => vector(text, 'ABCD'[i], p)).join(' || ');
    return `(${p.add(d.packageId)}, ${p.add(d.titleKey)}, ${p.add(JSON.stringify(d.facets))}, ${document})`;
  });
  await runSql(m, `INSERT INTO search_doc (package_id, title_key, facets, document) VALUES ${rows.join(', ')}
    ON CONFLICT (package_id) DO UPDATE SET title_key = EXCLUDED.title_key, facets = EXCLUDED.facets, document = EXCLUDED.document`, p.values);
}

async function remove(m: EntityManager, ids: string[]): Promise<void> {
  const p = new SqlParams('r');
  await runSql(m, `DELETE FROM search_doc WHERE package_id IN ${p.list(ids)}`, p.values);
}

export const postgresBackend: SearchBackend = {
  batchSize: 300,
  hits: (node, p) => `SELECT d.package_id AS package_id, d.title_key AS title_key, d.facets AS facets, ts_rank(d.document, m.q) AS score
    FROM search_doc d, (SELECT ${tsquery(node, p)} AS q) m WHERE d.document @@ m.q`,
  contains: (node, p) => `p.id IN (SELECT d.package_id FROM search_doc d WHERE d.document @@ ${tsquery(node, p)})`,
  jsonTextList: (list) => `LATERAL json_array_elements_text(${list}::json) AS j (value)`,
  write,
  remove,
  removeOrphans: async (m) => {
    await runSql(m, 'DELETE FROM search_doc WHERE package_id NOT IN (SELECT id FROM "package")', {});
  },
};
