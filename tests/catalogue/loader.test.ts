// One loader feeds the CKAN dict and the DCAT record: the same four queries for one dataset or many.
import { In } from 'typeorm';
import { PackageEntity } from '../../server/catalogue/entities';
import { packageDicts } from '../../server/catalogue/present';
import { datasetRecords } from '../../server/dcat/records';
import { startCatalogue, TestCatalogue } from '../support/harness';
import { makeDataset, makeOrg, sysadminContext, unique } from '../support/factories';
import { runAction } from '../../server/core/actions';
import { statementsOf } from './queries';

let cat: TestCatalogue;
let pkgs: PackageEntity[];

beforeAll(async () => {
  cat = await startCatalogue();
  const ctx = await sysadminContext(cat);
  const orgs = [await makeOrg(cat), await makeOrg(cat)];
  const group = await runAction('group_create', ctx, { name: unique('tema'), title: 'Tema' });
  const ids: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const created = await makeDataset(cat, orgs[i % 2].name, {
      tags: [{ name: `tag-${i}` }, { name: 'comune' }], groups: [{ id: group.id }],
      resources: [{ url: `https://example.org/${i}.csv` }, { url: `https://example.org/${i}.json` }],
    });
    ids.push(created.id);
  }
  pkgs = await cat.services.db.getRepository(PackageEntity).findBy({ id: In(ids) });
});
afterAll(async () => cat?.close());

describe('the dataset loader', () => {
  it('presents one dataset or twelve with the same four queries (and the cache key\'s), then from the cache with that one alone', async () => {
    const db = cat.services.db;
    const site = cat.config.siteUrl;
    const one = await statementsOf(db, () => packageDicts(db.manager, pkgs.slice(-1), site));
    const twelve = await statementsOf(db, () => packageDicts(db.manager, pkgs.slice(0, -1), site));
    const records = await statementsOf(db, () => datasetRecords(db.manager, pkgs, site));
    // The first two loaded every dataset; the records found them all kept.
    expect([one.statements.length, twelve.statements.length, records.statements.length]).toEqual([5, 5, 1]);
    expect(twelve.result.map((d) => [d.num_resources, d.num_tags, d.groups.length, !!d.organization])).toEqual(pkgs.slice(0, -1).map(() => [2, 2, 1, true]));
    expect(records.result.map((r) => [r.distributions.length, r.keywords.length, r.publisher.uri !== null])).toEqual(pkgs.map(() => [2, 2, true]));
  });

  it('serves a repeated search from the caches: one statement, the check that nothing changed since', async () => {
    // Datasets no read has loaded yet: the search is the first to keep them.
    const tag = unique('cercato');
    const org = await makeOrg(cat);
    for (let i = 0; i < 3; i += 1) await makeDataset(cat, org.name, { tags: [{ name: tag }], resources: [{ url: `https://example.org/c${i}.csv` }] });
    const db = cat.services.db;
    const search = () => runAction('package_search', { services: cat.services, user: null }, { fq: `tags:${tag}`, 'facet.field': '["tags"]' });
    const first = await statementsOf(db, search);
    const again = await statementsOf(db, search);
    expect(first.result.results).toHaveLength(3);
    expect(again.result.results.map((d: { id: string }) => d.id)).toEqual(first.result.results.map((d: { id: string }) => d.id));
    // The search's page and facets (search/search-cache.ts) and the dicts (the dataset cache) are kept;
    // the one statement reads the revision that any write moves on.
    expect(again.statements).toHaveLength(1);
    expect(again.statements[0]).toMatch(/search_revision|system_setting/);
  });

  it('gives the dict and the record the same resources, tags and organization', async () => {
    const [dict] = await packageDicts(cat.services.db.manager, pkgs.slice(0, 1), cat.config.siteUrl);
    const [record] = await datasetRecords(cat.services.db.manager, pkgs.slice(0, 1), cat.config.siteUrl);
    expect(record.distributions.map((d) => d.id)).toEqual(dict.resources.map((r: { id: string }) => r.id));
    expect(record.keywords).toEqual(dict.tags.map((t: { name: string }) => t.name));
    expect(record.publisher.name).toBe(dict.organization.title);
  });
});
