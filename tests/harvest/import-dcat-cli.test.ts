// `cli import-dcat` on real DCAT-AP_IT exports (tests/fixtures/dcat-examples, see its LICENCE.md): what
// it would do (--dry-run), what it created, a second import that updates instead, and a bad file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAction } from '../../server/core/actions';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeOrg, sysadminContext } from '../support/factories';
import { cli, envOf } from '../cli/support';

const EXAMPLES = path.join(__dirname, '..', 'fixtures', 'dcat-examples');
const UNIBO = path.join(EXAMPLES, 'ckanext-dcatapit_catalog_dati_unibo.rdf');
const FIRENZE = path.join(EXAMPLES, 'firenze-dcatapit-example.ttl');

let cat: TestCatalogue;
let org: { id: string; name: string };
beforeAll(async () => {
  cat = await startCatalogue();
  org = await makeOrg(cat);
});
afterAll(async () => cat.close());

it('says what it would create without writing (--dry-run)', async () => {
  const run = await cli(envOf(cat), 'import-dcat', FIRENZE, '--org', org.name, '--dry-run');
  expect(run.code).toBe(0);
  expect(run.stdout).toEqual(['da creare\tpopolazione-residente\tPopolazione residente per quartiere']);
  expect(await runAction<string[]>('package_list', await sysadminContext(cat), {})).toEqual([]);
});

it('imports a real export, each dataset into the organization, then updates them on a second import', async () => {
  const first = await cli(envOf(cat), 'import-dcat', UNIBO, '--org', org.name);
  const created = first.stdout.filter((line) => line.startsWith('creato\t'));
  expect(first.stderr).toContain(`Importati in ${org.name}: ${created.length} creati, 0 aggiornati`);
  expect(created.length).toBe(12);
  expect(first.code).toBe(0);
  const ctx = await sysadminContext(cat);
  const bilancio = await runAction<any>('package_show', ctx, { id: '0824deeb-8e76-4281-9120-c2177d0b13ca' });
  expect(bilancio).toMatchObject({ title: 'Bilancio di esercizio 2016', owner_org: org.id });
  expect(bilancio.resources.length).toBeGreaterThan(0);

  const second = await cli(envOf(cat), 'import-dcat', UNIBO, '--org', org.name);
  expect(second.code).toBe(0);
  expect(second.stdout.filter((line) => line.startsWith('aggiornato\t'))).toHaveLength(12);
  expect((await runAction<string[]>('package_list', ctx, {})).length).toBe(12);
});

it('refuses a file it cannot read or parse, and an unknown organization', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-import-'));
  const broken = path.join(dir, 'rotto.ttl');
  fs.writeFileSync(broken, '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> dcat:dataset');
  const bad = await cli(envOf(cat), 'import-dcat', broken, '--org', org.name);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('Turtle non valido');
  expect((await cli(envOf(cat), 'import-dcat', path.join(dir, 'manca.ttl'), '--org', org.name)).stderr).toContain('File non leggibile');
  expect((await cli(envOf(cat), 'import-dcat', FIRENZE, '--org', 'nessuna')).stderr).toContain('Organizzazione inesistente');
  expect((await cli(envOf(cat), 'import-dcat', path.join(dir, 'x.doc'), '--org', org.name)).code).toBe(2);
  fs.rmSync(dir, { recursive: true, force: true });
});
