// Initial schema, generated from the entities by scripts/generate-migration.ts for each database.
import { MigrationInterface, QueryRunner } from "typeorm";
import { runStatements } from "./statements";

const sqliteUp = [
  "CREATE TABLE \"group\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(100) NOT NULL, \"title\" varchar(300) NOT NULL DEFAULT (''), \"description\" text NOT NULL DEFAULT (''), \"is_organization\" boolean NOT NULL DEFAULT (0), \"identifier\" varchar(100) NOT NULL DEFAULT (''), \"email\" varchar(300) NOT NULL DEFAULT (''), \"url\" varchar(500) NOT NULL DEFAULT (''), \"image_url\" varchar(500) NOT NULL DEFAULT (''), \"state\" varchar(20) NOT NULL DEFAULT ('active'), \"created\" varchar(32) NOT NULL)",
  "CREATE UNIQUE INDEX \"IDX_8a45300fd825918f3b40195fbd\" ON \"group\" (\"name\") ",
  "CREATE TABLE \"package\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(100) NOT NULL, \"title\" varchar(500) NOT NULL DEFAULT (''), \"notes\" text NOT NULL DEFAULT (''), \"url\" varchar(1000) NOT NULL DEFAULT (''), \"version\" varchar(100) NOT NULL DEFAULT (''), \"author\" varchar(300) NOT NULL DEFAULT (''), \"author_email\" varchar(300) NOT NULL DEFAULT (''), \"maintainer\" varchar(300) NOT NULL DEFAULT (''), \"maintainer_email\" varchar(300) NOT NULL DEFAULT (''), \"license_id\" varchar(100) NOT NULL DEFAULT (''), \"private\" boolean NOT NULL DEFAULT (0), \"state\" varchar(20) NOT NULL DEFAULT ('active'), \"type\" varchar(100) NOT NULL DEFAULT ('dataset'), \"owner_org\" varchar(36) NOT NULL, \"creator_user_id\" varchar(36), \"extras\" text, \"metadata_created\" varchar(32) NOT NULL, \"metadata_modified\" varchar(32) NOT NULL)",
  "CREATE UNIQUE INDEX \"IDX_b23e12326a4218d09bd72301aa\" ON \"package\" (\"name\") ",
  "CREATE INDEX \"IDX_6080c8d0023623405272a30556\" ON \"package\" (\"state\") ",
  "CREATE INDEX \"IDX_c7a7e991b44ac10bf03b030e50\" ON \"package\" (\"owner_org\") ",
  "CREATE INDEX \"IDX_3b02dc1efed980872ef07005b7\" ON \"package\" (\"metadata_modified\") ",
  "CREATE TABLE \"resource\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"package_id\" varchar(36) NOT NULL, \"url\" varchar(2000) NOT NULL DEFAULT (''), \"url_type\" varchar(20) NOT NULL DEFAULT (''), \"name\" varchar(500) NOT NULL DEFAULT (''), \"description\" text NOT NULL DEFAULT (''), \"format\" varchar(100) NOT NULL DEFAULT (''), \"mimetype\" varchar(200) NOT NULL DEFAULT (''), \"size\" bigint, \"hash\" varchar(200) NOT NULL DEFAULT (''), \"position\" integer NOT NULL DEFAULT (0), \"state\" varchar(20) NOT NULL DEFAULT ('active'), \"current_file_id\" varchar(36), \"extras\" text, \"created\" varchar(32) NOT NULL, \"last_modified\" varchar(32), \"metadata_modified\" varchar(32) NOT NULL)",
  "CREATE INDEX \"IDX_106481d8844d655c62f43e4124\" ON \"resource\" (\"package_id\") ",
  "CREATE TABLE \"resource_file\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"resource_id\" varchar(36) NOT NULL, \"storage_key\" varchar(200) NOT NULL, \"filename\" varchar(300) NOT NULL, \"size\" bigint NOT NULL, \"sha256\" varchar(64) NOT NULL, \"mimetype\" varchar(200) NOT NULL DEFAULT (''), \"uploaded_by\" varchar(36), \"created\" varchar(32) NOT NULL)",
  "CREATE INDEX \"IDX_1d7bd98e1867ba9898a3cf4481\" ON \"resource_file\" (\"resource_id\") ",
  "CREATE TABLE \"package_tag\" (\"package_id\" varchar(36) NOT NULL, \"tag\" varchar(100) NOT NULL, PRIMARY KEY (\"package_id\", \"tag\"))",
  "CREATE TABLE \"package_group\" (\"package_id\" varchar(36) NOT NULL, \"group_id\" varchar(36) NOT NULL, PRIMARY KEY (\"package_id\", \"group_id\"))",
  "CREATE INDEX \"IDX_556e9a87c5ebfcb31b41884bd8\" ON \"package_group\" (\"group_id\") ",
  "CREATE TABLE \"user\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"name\" varchar(100) NOT NULL, \"fullname\" varchar(300) NOT NULL DEFAULT (''), \"email\" varchar(300) NOT NULL DEFAULT (''), \"about\" text NOT NULL DEFAULT (''), \"password_hash\" varchar(300) NOT NULL DEFAULT (''), \"sysadmin\" boolean NOT NULL DEFAULT (0), \"state\" varchar(20) NOT NULL DEFAULT ('active'), \"created\" varchar(32) NOT NULL)",
  "CREATE UNIQUE INDEX \"IDX_065d4d8f3b5adb4a08841eae3c\" ON \"user\" (\"name\") ",
  "CREATE TABLE \"api_token\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"user_id\" varchar(36) NOT NULL, \"name\" varchar(200) NOT NULL DEFAULT (''), \"token_hash\" varchar(64) NOT NULL, \"created\" varchar(32) NOT NULL, \"last_access\" varchar(32))",
  "CREATE INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\" ON \"api_token\" (\"user_id\") ",
  "CREATE UNIQUE INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\" ON \"api_token\" (\"token_hash\") ",
  "CREATE TABLE \"member\" (\"group_id\" varchar(36) NOT NULL, \"user_id\" varchar(36) NOT NULL, \"capacity\" varchar(20) NOT NULL, \"created\" varchar(32) NOT NULL, PRIMARY KEY (\"group_id\", \"user_id\"))",
  "CREATE INDEX \"IDX_efc766611e939bdbe6f7088984\" ON \"member\" (\"user_id\") ",
  "CREATE TABLE \"http_session\" (\"sid\" varchar(128) PRIMARY KEY NOT NULL, \"data\" text NOT NULL, \"expires\" bigint NOT NULL)",
  "CREATE INDEX \"IDX_aa475c071d83c57d8fb00ca4a3\" ON \"http_session\" (\"expires\") ",
  "CREATE TABLE \"system_setting\" (\"key\" varchar(100) PRIMARY KEY NOT NULL, \"value\" text NOT NULL)",
  "CREATE TABLE \"activity\" (\"id\" varchar(36) PRIMARY KEY NOT NULL, \"timestamp\" varchar(32) NOT NULL, \"user_id\" varchar(36), \"object_id\" varchar(36) NOT NULL, \"owner_org\" varchar(36), \"activity_type\" varchar(50) NOT NULL, \"data\" text)",
  "CREATE INDEX \"IDX_1ed07d94b85322141135c8de3e\" ON \"activity\" (\"timestamp\") ",
  "CREATE INDEX \"IDX_c655fc1bd79afeb542d813ec75\" ON \"activity\" (\"object_id\") ",
];

const postgresUp = [
  "CREATE TABLE \"group\" (\"id\" character varying(36) NOT NULL, \"name\" character varying(100) NOT NULL, \"title\" character varying(300) NOT NULL DEFAULT '', \"description\" text NOT NULL DEFAULT '', \"is_organization\" boolean NOT NULL DEFAULT false, \"identifier\" character varying(100) NOT NULL DEFAULT '', \"email\" character varying(300) NOT NULL DEFAULT '', \"url\" character varying(500) NOT NULL DEFAULT '', \"image_url\" character varying(500) NOT NULL DEFAULT '', \"state\" character varying(20) NOT NULL DEFAULT 'active', \"created\" character varying(32) NOT NULL, CONSTRAINT \"PK_256aa0fda9b1de1a73ee0b7106b\" PRIMARY KEY (\"id\"))",
  "CREATE UNIQUE INDEX \"IDX_8a45300fd825918f3b40195fbd\" ON \"group\"  (\"name\") ",
  "CREATE TABLE \"package\" (\"id\" character varying(36) NOT NULL, \"name\" character varying(100) NOT NULL, \"title\" character varying(500) NOT NULL DEFAULT '', \"notes\" text NOT NULL DEFAULT '', \"url\" character varying(1000) NOT NULL DEFAULT '', \"version\" character varying(100) NOT NULL DEFAULT '', \"author\" character varying(300) NOT NULL DEFAULT '', \"author_email\" character varying(300) NOT NULL DEFAULT '', \"maintainer\" character varying(300) NOT NULL DEFAULT '', \"maintainer_email\" character varying(300) NOT NULL DEFAULT '', \"license_id\" character varying(100) NOT NULL DEFAULT '', \"private\" boolean NOT NULL DEFAULT false, \"state\" character varying(20) NOT NULL DEFAULT 'active', \"type\" character varying(100) NOT NULL DEFAULT 'dataset', \"owner_org\" character varying(36) NOT NULL, \"creator_user_id\" character varying(36), \"extras\" text, \"metadata_created\" character varying(32) NOT NULL, \"metadata_modified\" character varying(32) NOT NULL, CONSTRAINT \"PK_308364c66df656295bc4ec467c2\" PRIMARY KEY (\"id\"))",
  "CREATE UNIQUE INDEX \"IDX_b23e12326a4218d09bd72301aa\" ON \"package\"  (\"name\") ",
  "CREATE INDEX \"IDX_6080c8d0023623405272a30556\" ON \"package\"  (\"state\") ",
  "CREATE INDEX \"IDX_c7a7e991b44ac10bf03b030e50\" ON \"package\"  (\"owner_org\") ",
  "CREATE INDEX \"IDX_3b02dc1efed980872ef07005b7\" ON \"package\"  (\"metadata_modified\") ",
  "CREATE TABLE \"resource\" (\"id\" character varying(36) NOT NULL, \"package_id\" character varying(36) NOT NULL, \"url\" character varying(2000) NOT NULL DEFAULT '', \"url_type\" character varying(20) NOT NULL DEFAULT '', \"name\" character varying(500) NOT NULL DEFAULT '', \"description\" text NOT NULL DEFAULT '', \"format\" character varying(100) NOT NULL DEFAULT '', \"mimetype\" character varying(200) NOT NULL DEFAULT '', \"size\" bigint, \"hash\" character varying(200) NOT NULL DEFAULT '', \"position\" integer NOT NULL DEFAULT '0', \"state\" character varying(20) NOT NULL DEFAULT 'active', \"current_file_id\" character varying(36), \"extras\" text, \"created\" character varying(32) NOT NULL, \"last_modified\" character varying(32), \"metadata_modified\" character varying(32) NOT NULL, CONSTRAINT \"PK_e2894a5867e06ae2e8889f1173f\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"IDX_106481d8844d655c62f43e4124\" ON \"resource\"  (\"package_id\") ",
  "CREATE TABLE \"resource_file\" (\"id\" character varying(36) NOT NULL, \"resource_id\" character varying(36) NOT NULL, \"storage_key\" character varying(200) NOT NULL, \"filename\" character varying(300) NOT NULL, \"size\" bigint NOT NULL, \"sha256\" character varying(64) NOT NULL, \"mimetype\" character varying(200) NOT NULL DEFAULT '', \"uploaded_by\" character varying(36), \"created\" character varying(32) NOT NULL, CONSTRAINT \"PK_1c6bc79e1aa32cc0fa76686dcd4\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"IDX_1d7bd98e1867ba9898a3cf4481\" ON \"resource_file\"  (\"resource_id\") ",
  "CREATE TABLE \"package_tag\" (\"package_id\" character varying(36) NOT NULL, \"tag\" character varying(100) NOT NULL, CONSTRAINT \"PK_e2bfadd760b0719857602b9a99f\" PRIMARY KEY (\"package_id\", \"tag\"))",
  "CREATE TABLE \"package_group\" (\"package_id\" character varying(36) NOT NULL, \"group_id\" character varying(36) NOT NULL, CONSTRAINT \"PK_4847540cedf98261ef8c8fb9cbd\" PRIMARY KEY (\"package_id\", \"group_id\"))",
  "CREATE INDEX \"IDX_556e9a87c5ebfcb31b41884bd8\" ON \"package_group\"  (\"group_id\") ",
  "CREATE TABLE \"user\" (\"id\" character varying(36) NOT NULL, \"name\" character varying(100) NOT NULL, \"fullname\" character varying(300) NOT NULL DEFAULT '', \"email\" character varying(300) NOT NULL DEFAULT '', \"about\" text NOT NULL DEFAULT '', \"password_hash\" character varying(300) NOT NULL DEFAULT '', \"sysadmin\" boolean NOT NULL DEFAULT false, \"state\" character varying(20) NOT NULL DEFAULT 'active', \"created\" character varying(32) NOT NULL, CONSTRAINT \"PK_cace4a159ff9f2512dd42373760\" PRIMARY KEY (\"id\"))",
  "CREATE UNIQUE INDEX \"IDX_065d4d8f3b5adb4a08841eae3c\" ON \"user\"  (\"name\") ",
  "CREATE TABLE \"api_token\" (\"id\" character varying(36) NOT NULL, \"user_id\" character varying(36) NOT NULL, \"name\" character varying(200) NOT NULL DEFAULT '', \"token_hash\" character varying(64) NOT NULL, \"created\" character varying(32) NOT NULL, \"last_access\" character varying(32), CONSTRAINT \"PK_d862311c568d175c26f41bc6f98\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"IDX_1725c5ea908ff009f6ab3fa34f\" ON \"api_token\"  (\"user_id\") ",
  "CREATE UNIQUE INDEX \"IDX_bafaa5aab5957cd193fb2da8f2\" ON \"api_token\"  (\"token_hash\") ",
  "CREATE TABLE \"member\" (\"group_id\" character varying(36) NOT NULL, \"user_id\" character varying(36) NOT NULL, \"capacity\" character varying(20) NOT NULL, \"created\" character varying(32) NOT NULL, CONSTRAINT \"PK_8dd8728f39a62fdae7d385590b7\" PRIMARY KEY (\"group_id\", \"user_id\"))",
  "CREATE INDEX \"IDX_efc766611e939bdbe6f7088984\" ON \"member\"  (\"user_id\") ",
  "CREATE TABLE \"http_session\" (\"sid\" character varying(128) NOT NULL, \"data\" text NOT NULL, \"expires\" bigint NOT NULL, CONSTRAINT \"PK_7334e970771cdb925d7f3de0ba0\" PRIMARY KEY (\"sid\"))",
  "CREATE INDEX \"IDX_aa475c071d83c57d8fb00ca4a3\" ON \"http_session\"  (\"expires\") ",
  "CREATE TABLE \"system_setting\" (\"key\" character varying(100) NOT NULL, \"value\" text NOT NULL, CONSTRAINT \"PK_c6ce0e35b3c0d67dca93523ba1b\" PRIMARY KEY (\"key\"))",
  "CREATE TABLE \"activity\" (\"id\" character varying(36) NOT NULL, \"timestamp\" character varying(32) NOT NULL, \"user_id\" character varying(36), \"object_id\" character varying(36) NOT NULL, \"owner_org\" character varying(36), \"activity_type\" character varying(50) NOT NULL, \"data\" text, CONSTRAINT \"PK_24625a1d6b1b089c8ae206fe467\" PRIMARY KEY (\"id\"))",
  "CREATE INDEX \"IDX_1ed07d94b85322141135c8de3e\" ON \"activity\"  (\"timestamp\") ",
  "CREATE INDEX \"IDX_c655fc1bd79afeb542d813ec75\" ON \"activity\"  (\"object_id\") ",
];

const tables = ["activity", "system_setting", "http_session", "member", "api_token", "user", "package_group", "package_tag", "resource_file", "resource", "package", "group"];

export class Initial1764140000000 implements MigrationInterface {
  name = "Initial1764140000000";

  async up(queryRunner: QueryRunner): Promise<void> {
    await runStatements(queryRunner, { sqlite: sqliteUp, postgres: postgresUp });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables) await queryRunner.query(`DROP TABLE "${table}"`);
  }
}
