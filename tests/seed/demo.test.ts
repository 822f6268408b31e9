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

  it('is loaded only into an empty catalogue', async () => {
    expect(await seedIfEmpty(cat.services)).toBeNull();
    expect((await getAction(cat, 'package_list')).body.result).toHaveLength(packageFiles.length);
  });
});
