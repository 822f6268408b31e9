// Upgrading a catalogue whose groups and DCAT themes were two unconnected lists: the migration gives each
// EU theme its group (an existing group of the theme's name becomes it), gives datasets in a theme's group
// that theme, and puts datasets with a theme in its group; what it changes gets a new metadata_modified and
// its search index row again at the first start. Datasets already in step, and groups that are not themes, stay as they were.
import { DataSource } from 'typeorm';
import { createDataSource } from '../../server/db/data-source';
import { migrations } from '../../server/db/migrations';
import { ensureSearchIndex } from '../../server/search/search-index';
import { emptyPlace, EmptyPlace } from '../support/harness';

let place: EmptyPlace;
let db: DataSource;

beforeAll(async () => {
  place = await emptyPlace('catalogo-themes-');
  db = createDataSource({ dataDir: place.dataDir, databaseUrl: place.databaseUrl || null });
  await db.initialize();
});

afterAll(async () => {
  await db.destroy();
  await place.drop();
});

const THEN = '2024-01-01T00:00:00.000000';
const SUBTHEME = 'http://eurovoc.europa.eu/100238';
const dcat = (themes: { theme: string; subthemes: string[] }[]) => JSON.stringify({ theme: themes, frequency: 'ANNUAL' });

async function catalogueBeforeThemeGroups(): Promise<void> {
  const index = migrations.findIndex((m) => m.name.startsWith('ThemeGroups'));
  const before = new DataSource({ ...db.options, migrations: migrations.slice(0, index) } as never);
  await before.initialize();
  await before.runMigrations();
  await before.query(`INSERT INTO "group" ("id", "name", "title", "is_organization", "created") VALUES
    ('o1', 'comune', 'Comune', true, '${THEN}'), ('o2', 'energia', 'Agenzia per l''energia', true, '${THEN}'),
    ('g1', 'trasporti', 'Mobilità', false, '${THEN}'), ('g2', 'progetti', 'Progetti', false, '${THEN}')`);
  await before.query(`INSERT INTO "package" ("id", "name", "owner_org", "dcat", "metadata_created", "metadata_modified") VALUES
    ('p1', 'solo-gruppo', 'o1', NULL, '${THEN}', '${THEN}'),
    ('p2', 'solo-tema', 'o1', '${dcat([{ theme: 'ENVI', subthemes: [] }])}', '${THEN}', '${THEN}'),
    ('p3', 'in-regola', 'o1', '${dcat([{ theme: 'TRAN', subthemes: [SUBTHEME] }])}', '${THEN}', '${THEN}'),
    ('p4', 'altro-gruppo', 'o1', NULL, '${THEN}', '${THEN}')`);
  await before.query(`INSERT INTO "package_group" ("package_id", "group_id") VALUES ('p1', 'g1'), ('p3', 'g1'), ('p4', 'g2')`);
  await before.destroy();
}

it('brings groups and themes in step, and changes nothing already in step', async () => {
  await catalogueBeforeThemeGroups();
  await db.runMigrations({ transaction: 'each' });
  const themes: { id: string; name: string; title: string; theme: string }[] = await db.query('SELECT "id", "name", "title", "theme" FROM "group" WHERE "theme" <> \'\'');
  expect(themes).toHaveLength(13);
  const byTheme = new Map(themes.map((g) => [g.theme, g]));
  expect(byTheme.get('TRAN')).toMatchObject({ id: 'g1', name: 'trasporti', title: 'Trasporti' });
  // An organization holds the name "energia": the theme's group takes another.
  expect(byTheme.get('ENER')).toMatchObject({ name: 'tema-ener', title: 'Energia' });
  expect(byTheme.get('ENVI')).toMatchObject({ name: 'ambiente', title: 'Ambiente' });

  const packages: { id: string; dcat: string | null; metadata_modified: string }[] = await db.query('SELECT "id", "dcat", "metadata_modified" FROM "package" ORDER BY "id"');
  const row = (id: string) => packages.find((p) => p.id === id)!;
  expect(JSON.parse(row('p1').dcat!)).toEqual({ theme: [{ theme: 'TRAN', subthemes: [] }] });
  expect(JSON.parse(row('p2').dcat!)).toEqual(JSON.parse(dcat([{ theme: 'ENVI', subthemes: [] }])));
  expect(JSON.parse(row('p3').dcat!)).toEqual(JSON.parse(dcat([{ theme: 'TRAN', subthemes: [SUBTHEME] }])));
  expect(row('p4').dcat).toBeNull();
  expect(packages.filter((p) => p.metadata_modified !== THEN).map((p) => p.id)).toEqual(['p1', 'p2']);

  const links: { package_id: string; group_id: string }[] = await db.query('SELECT "package_id", "group_id" FROM "package_group" ORDER BY "package_id", "group_id"');
  expect(links.map((l) => [l.package_id, l.group_id])).toEqual([['p1', 'g1'], ['p2', byTheme.get('ENVI')!.id], ['p3', 'g1'], ['p4', 'g2']]);

  // The first start writes the index rows again, facets included: the changed datasets are in their new theme.
  await ensureSearchIndex(db);
  const indexed: { package_id: string; facets: string }[] = await db.query('SELECT "package_id", "facets" FROM "search_doc" ORDER BY "package_id"');
  expect(indexed.map((r) => r.package_id)).toEqual(['p1', 'p2', 'p3', 'p4']);
  expect(JSON.parse(indexed[1].facets)).toEqual([`g:${byTheme.get('ENVI')!.id}`, 'q:ANNUAL']);
}, 60000);
