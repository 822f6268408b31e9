// `cli search-reindex` rebuilds the search index from the catalogue and says how far it has gone.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction, makeDataset, makeOrg } from '../support/factories';
import { inTransaction } from '../../server/db/transaction';
import { cli, envOf } from './support';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
  const org = await makeOrg(cat);
  await makeDataset(cat, org.name, { name: 'anfiteatri', title: 'Anfiteatri romani' });
});
afterAll(async () => cat.close());

const found = async () => (await getAction(cat, 'package_search', { q: 'anfiteatro' })).body.result.count;

it('rebuilds an emptied index, reporting progress', async () => {
  await inTransaction(cat.services.db, (m) => m.query('DELETE FROM search_doc'));

  expect(await found()).toBe(0);
  const run = await cli(envOf(cat), 'search-reindex');
  expect(run.code).toBe(0);
  expect(run.stdout).toEqual(['1']);
  expect(run.stderr).toMatch(/Indicizzati 1 dataset su 1 \(100%\)/);
  expect(await found()).toBe(1);
});
