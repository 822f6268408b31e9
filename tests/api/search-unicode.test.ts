// Search folds case for every letter, not only ASCII, on both databases.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { getAction, makeDataset, makeOrg } from '../support/factories';

let cat: TestCatalogue;
beforeAll(async () => {
  cat = await startCatalogue();
  const org = await makeOrg(cat);
  await makeDataset(cat, org.name, { name: 'qualita-citta', title: 'QUALITÀ della vita in CITTÀ', tags: [{ name: 'ÉLITE' }] });
  await makeDataset(cat, org.name, { name: 'altro', title: 'Altro' });
});
afterAll(async () => cat.close());

it.each(['CITTÀ', 'città', 'QUALITÀ', 'élite'])('finds accented words whatever their case: %s', async (q) => {
  const res = await getAction(cat, 'package_search', { q });
  expect(res.body.result.results.map((p: { name: string }) => p.name)).toEqual(['qualita-citta']);
});
