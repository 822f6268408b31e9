// The search index (server/search/search-index.ts): on SQLite an FTS5 table beside a row per dataset,
// on PostgreSQL a tsvector per dataset with a GIN index; on both the words table that suggestions read.
// Not entities: TypeORM has no column type for them. Filled here for the datasets already stored.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { runStatements } from './statements';

const sqlite = [
  'CREATE TABLE "search_doc" ("rid" integer PRIMARY KEY, "package_id" varchar(36) NOT NULL, "title_key" text NOT NULL DEFAULT (\'\'), "frequency" varchar(100) NOT NULL DEFAULT (\'\'))',
  'CREATE UNIQUE INDEX "IDX_search_doc_package" ON "search_doc" ("package_id")',
  // Words and stems of the four weight classes; accents and case are folded before, and here again.
  'CREATE VIRTUAL TABLE "search_fts" USING fts5(a, b, c, d, sa, sb, sc, sd, tokenize = \'unicode61 remove_diacritics 2\', prefix = \'2 3 4\')',
  'CREATE TABLE "search_word" ("word" varchar(100) PRIMARY KEY NOT NULL)',
];

const postgres = [
  'CREATE TABLE "search_doc" ("package_id" character varying(36) NOT NULL PRIMARY KEY, "title_key" text NOT NULL DEFAULT \'\', "frequency" character varying(100) NOT NULL DEFAULT \'\', "document" tsvector NOT NULL)',
  'CREATE INDEX "IDX_search_doc_document" ON "search_doc" USING GIN ("document")',
  'CREATE TABLE "search_word" ("word" character varying(100) NOT NULL PRIMARY KEY)',
];

export class SearchIndex1766040000000 implements MigrationInterface {
  name = 'SearchIndex1766040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, { sqlite, postgres });
    // Filled at the first start (ensureSearchIndex), not here: a migration reading through the entities
    // would ask for columns that later migrations add (group.theme), on a catalogue migrated in one go.
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, {
      sqlite: ['DROP TABLE "search_word"', 'DROP TABLE "search_fts"', 'DROP TABLE "search_doc"'],
      postgres: ['DROP TABLE "search_word"', 'DROP TABLE "search_doc"'],
    });
  }
}
