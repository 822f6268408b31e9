// The search index behind package_search, one backend per database (index-sqlite.ts: FTS5;
// index-postgres.ts: tsvector and GIN). Every write that changes what a dataset says calls
// reindexDatasets in its own transaction, so the index never lags the catalogue; who may see a dataset
// is never read from here (search-sql.ts joins the package table and keeps visibility.ts's scope).
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { loadDatasets } from '../catalogue/dataset-loader';
import { PackageEntity, PackageGroupEntity } from '../catalogue/entities';
import { isPostgres } from '../db/dialect';
import { postgresBackend } from './index-postgres';
import { sqliteBackend } from './index-sqlite';
import { MatchNode, textMatch } from './match';
import { bumpSearchRevision } from './search-cache';
import { searchDocument, SearchDocument } from './search-document';
import { ParamSink, runSql } from './sql-params';
import { TextCondition } from './sql-filter';
import { isStopWord } from './text';

export interface SearchBackend {
  /** Datasets written per statement. */
  batchSize: number;
  /** SQL listing the matches as (package_id, title_key, score), score higher for better matches. */
  hits(node: MatchNode, params: ParamSink): string;
  /** A condition on the package alias `p`: the dataset matches. */
  contains(node: MatchNode, params: ParamSink): string;
  /** The elements of the JSON list of text `list` (a column or a parameter), as a table `j` whose column `value` holds each. */
  jsonTextList(list: string): string;
  write(m: EntityManager, docs: SearchDocument[]): Promise<void>;
  remove(m: EntityManager, ids: string[]): Promise<void>;
  /** Removes the rows of datasets no longer in the package table. */
  removeOrphans(m: EntityManager): Promise<void>;
}

export function searchBackend(db: { connection: { options: { type: string } } }): SearchBackend {
  return isPostgres(db.connection) ? postgresBackend : sqliteBackend;
}

/** A free-text word of q that SQL combines with other conditions (`organization:x OR word`): asked of the index. */
export function textCondition(backend: SearchBackend): TextCondition {
  return (value, param) => {
    const node = textMatch(value);
    return node ? backend.contains(node, { add: param }) : '1 = 1';
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Suggestions come from here ("Forse cercavi"): every word the index has seen, at least three letters, not a number. */
async function rememberWords(m: EntityManager, docs: SearchDocument[]): Promise<void> {
  const seen = new Set<string>();
  for (const doc of docs) {
    for (const word of doc.words.join(' ').split(' ')) if (word.length >= 3 && !/^\p{N}/u.test(word) && !isStopWord(word)) seen.add(word);
  }
  if (!seen.size) return;
  // One parameter, a JSON list: binding thousands of parameters cost more than the inserts (a reindex spent a fifth of its time here).
  // WHERE: SQLite's upsert needs one after a SELECT.
  await runSql(m, `INSERT INTO search_word (word) SELECT j.value FROM ${searchBackend(m).jsonTextList(':words')} WHERE 1 = 1
    ON CONFLICT (word) DO NOTHING`, { words: JSON.stringify([...seen]) });
}

/**
 * Brings the index rows of these datasets up to date with the catalogue, inside the caller's write
 * transaction: written again as they are now, or removed if the dataset is gone (purged). Deleted and
 * private datasets stay indexed: the visibility scope, not the index, keeps them out of results.
 */
export async function reindexDatasets(m: EntityManager, ids: Iterable<string>): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length) await bumpSearchRevision(m);
  const backend = searchBackend(m);
  for (const batch of chunks(unique, backend.batchSize)) {
    const pkgs = await m.getRepository(PackageEntity).createQueryBuilder('p').where('p.id IN (:...ids)', { ids: batch }).getMany();
    const found = new Set(pkgs.map((p) => p.id));
    const gone = batch.filter((id) => !found.has(id));
    if (gone.length) await backend.remove(m, gone);
    if (!pkgs.length) continue;
    const docs = (await loadDatasets(m, pkgs)).map(searchDocument);
    await backend.write(m, docs);
    await rememberWords(m, docs);
  }
}

/** After an organization's or a group's title changes: its datasets say it in their index rows. */
export async function reindexGroupDatasets(m: EntityManager, groupId: string): Promise<void> {
  const owned = await m.getRepository(PackageEntity).createQueryBuilder('p').select('p.id', 'id').where('p.owner_org = :groupId', { groupId }).getRawMany<{ id: string }>();
  const linked = await m.getRepository(PackageGroupEntity).findBy({ groupId });
  await reindexDatasets(m, [...owned.map((r) => r.id), ...linked.map((l) => l.packageId)]);
}

/**
 * At start: a catalogue whose index has fewer rows than datasets (restored from an archive made before
 * the index existed, or migrated without the entities), or rows written before they held their facet
 * values (migration 1766300000000), is indexed again. Three counts when all is well.
 */
export async function ensureSearchIndex(db: DataSource): Promise<void> {
  const count = async (sql: string) => Number((await db.query(sql))[0].n);
  const rows = await count('SELECT COUNT(*) AS n FROM "search_doc"');
  const complete = rows >= (await count('SELECT COUNT(*) AS n FROM "package"'))
    && (await count('SELECT COUNT(*) AS n FROM (SELECT 1 FROM "search_doc" WHERE "facets" IS NULL LIMIT 1) x')) === 0;
  if (!complete) await reindexAll(db.manager, (work) => inTransaction(db, work));
}

/** Every dataset written again, a batch per call of `write` (a transaction each, given by the caller); `progress` after each. */
export async function reindexAll(
  read: EntityManager, write: (work: (m: EntityManager) => Promise<void>) => Promise<void>, progress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const ids = (await read.getRepository(PackageEntity).createQueryBuilder('p').select('p.id', 'id').orderBy('p.id').getRawMany<{ id: string }>()).map((r) => r.id);
  const batches = chunks(ids, 2000);
  let done = 0;
  for (const batch of batches) {
    await write((m) => reindexDatasets(m, batch));
    done += batch.length;
    progress(done, ids.length);
  }
  // Rows of datasets no longer in the catalogue (purged while the index was being rebuilt elsewhere).
  await write((m) => searchBackend(m).removeOrphans(m));
  return ids.length;
}
