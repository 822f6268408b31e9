// The demo catalogue: the Tuscan administrations with their IPA codes, every dataset of datasets/, and
// every file served back byte for byte; made-up data says so.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { datasetsDir, loadDemo, seedIfEmpty } from '../../server/seed/demo';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction } from '../support/factories';
import { download } from '../api/world';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
  await loadDemo(cat.services);
}, 60000);
afterAll(async () => cat.close());

const packageFiles = fs.readdirSync(path.join(datasetsDir, 'packages')).filter((f) => f.endsWith('.json'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the demo catalogue', () => {
  it('has the administrations that share the portal, with their IPA codes', async () => {
    const orgs = (await getAction(cat, 'organization_list', { all_fields: 'true' })).body.result;
    const codes = Object.fromEntries(orgs.map((o: any) => [o.name, o.identifier]));
    expect(codes).toMatchObject({
      'regione-toscana': 'r_toscan', 'comune-di-firenze': 'c_d612', 'comune-di-prato': 'c_g999',
      'comune-di-sesto-fiorentino': 'c_i684', 'comune-di-pistoia': 'c_g713', 'comune-di-lucca': 'c_e715',
    });
    expect(codes).toHaveProperty('provincia-di-massa-carrara');
  });

  it('publishes every dataset of datasets/packages', async () => {
    const names = (await getAction(cat, 'package_list')).body.result;
    const expected = packageFiles.map((f) => JSON.parse(fs.readFileSync(path.join(datasetsDir, 'packages', f), 'utf8')).name);
    expect([...names].sort()).toEqual([...expected].sort());
  });

  it('serves every uploaded file byte for byte, with its sha256 and size', async () => {
    let checked = 0;
    for (const file of packageFiles) {
      const spec = JSON.parse(fs.readFileSync(path.join(datasetsDir, 'packages', file), 'utf8'));
      const shown = (await getAction(cat, 'package_show', { id: spec.name })).body.result;
      for (const [i, resource] of (spec.resources as any[]).entries()) {
        if (!resource.file) continue;
        const original = fs.readFileSync(path.join(datasetsDir, resource.file));
        const served = shown.resources[i];
        expect({ hash: served.hash, size: served.size }).toEqual({ hash: sha256(original), size: original.length });
        expect((await download(cat, served.url)).body.equals(original)).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(14);
  }, 60000);

  it('says which datasets are made up, and names the source of the real ones', async () => {
    for (const file of packageFiles) {
      const spec = JSON.parse(fs.readFileSync(path.join(datasetsDir, 'packages', file), 'utf8'));
      const madeUp = (spec.license_id === 'CC0-1.0');
      if (madeUp) expect(spec.notes).toMatch(/^\*\*Dati di esempio\*\*/);
      else expect(spec.notes).toMatch(/Fonte/);
    }
  });

  it('gives every dataset a chosen theme and frequency, and returns the DCAT-AP_IT values it was given', async () => {
    for (const file of packageFiles) {
      const spec = JSON.parse(fs.readFileSync(path.join(datasetsDir, 'packages', file), 'utf8'));
      const shown = (await getAction(cat, 'package_show', { id: spec.name })).body.result;
      expect({ name: spec.name, dcatapit_defaults: shown.dcatapit_defaults }).toEqual({ name: spec.name, dcatapit_defaults: [] });
      expect(shown.language).toBe('ITA');
      // The free-text extras now carried by DCAT-AP_IT fields are gone.
      expect(shown.extras.map((e: any) => e.key)).not.toEqual(expect.arrayContaining(['frequenza']));
    }
    const prato = (await getAction(cat, 'package_show', { id: 'prato-comunicati-stampa-2013' })).body.result;
    expect({
      theme: JSON.parse(prato.theme), frequency: prato.frequency, temporal_start: prato.temporal_start,
      temporal_end: prato.temporal_end, geographical_name: prato.geographical_name,
    }).toEqual({
      theme: [{ theme: 'GOVE', subthemes: [] }, { theme: 'EDUC', subthemes: ['http://eurovoc.europa.eu/100221'] }],
      frequency: 'NEVER', temporal_start: '2013-01-01', temporal_end: '2014-01-04', geographical_name: 'ITA_OTA',
    });
    const pistoia = (await getAction(cat, 'package_show', { id: 'pistoia-fermate-trasporto-pubblico' })).body.result;
    expect({ frequency: pistoia.frequency, geographical_name: pistoia.geographical_name, conforms_to: JSON.parse(pistoia.conforms_to) }).toEqual({
      frequency: 'ANNUAL_2', geographical_name: 'ITA_PIS',
      conforms_to: [{ identifier: 'EPSG:4326', title: 'WGS 84 - sistema di riferimento geografico (EPSG:4326)', uri: 'http://www.opengis.net/def/crs/EPSG/0/4326' }],
    });
    const payments = (await getAction(cat, 'package_show', { id: 'sesto-fiorentino-pagamenti-2024' })).body.result;
    expect([payments.frequency, payments.temporal_start, payments.temporal_end, payments.geographical_name]).toEqual(['QUARTERLY', '2024-01-01', '2024-06-30', '']);
  }, 60000);

  it('is loaded only into an empty catalogue', async () => {
    expect(await seedIfEmpty(cat.services)).toBeNull();
    expect((await getAction(cat, 'package_list')).body.result).toHaveLength(packageFiles.length);
  });
});
