// ckanapi 4.11's `action` command against the portal, as CKAN users call it: fl in package_search,
// booleans written as Python writes them (True), and CKAN's errors seen as ckanapi's own exceptions.
import { callAction } from '../support/factories';
import { absent, ckanapi, describeWithCkanapi, failingCkanapi, serve, Served } from './ckanapi-support';

describeWithCkanapi('ckanapi action', () => {
  let portal: Served;
  let org: string;

  beforeAll(async () => {
    if (absent) throw new Error(`CI: ${absent}`);
    portal = await serve(false);
    org = (await callAction(portal.cat, 'organization_create', { name: 'comune-di-lucca', title: 'Comune di Lucca' }, portal.admin.token)).body.result.name;
    // Python writes booleans True and False: ckanapi sends them so.
    await ckanapi('action', 'package_create', 'name=trasporti-riservati', 'notes=Linee e fermate', `owner_org=${org}`, 'private=True',
      'theme=Trasporti', 'tag_string=trasporti', '-r', portal.url, '-a', portal.admin.token);
    await callAction(portal.cat, 'package_create', { name: 'trasporti-pubblici', notes: 'Linee e fermate', owner_org: org, private: 'False', theme: 'TRAN', tag_string: 'trasporti' }, portal.admin.token);
  }, 60000);
  afterAll(async () => portal?.close());

  it('package_search fl=id,name,title returns only those fields', async () => {
    const result = JSON.parse(await ckanapi('action', 'package_search', 'q=trasporti', 'fl=id,name,title', '-r', portal.url));
    expect(result.count).toBe(1);
    expect(result.results).toEqual([{ id: expect.any(String), name: 'trasporti-pubblici', title: 'trasporti-pubblici' }]);
    const listed = JSON.parse(await ckanapi('action', 'package_search', 'fq=theme:TRAN', 'fl:["name","theme"]', '-r', portal.url));
    expect(listed.results).toEqual([{ name: 'trasporti-pubblici', theme: '[{"theme":"TRAN","subthemes":[]}]' }]);
  }, 30000);

  it('takes booleans written True and False', async () => {
    const hidden = JSON.parse(await ckanapi('action', 'package_show', 'id=trasporti-riservati', '-r', portal.url, '-a', portal.admin.token));
    expect(hidden.private).toBe(true);
    const all = JSON.parse(await ckanapi('action', 'package_search', 'include_private=True', 'fl=name', 'sort=name asc', '-r', portal.url, '-a', portal.admin.token));
    expect(all.results).toEqual([{ name: 'trasporti-pubblici' }, { name: 'trasporti-riservati' }]);
  }, 30000);

  it('shows a ValidationError as ckanapi.errors.ValidationError, with the Italian messages by field', async () => {
    const { code, output } = await failingCkanapi('action', 'package_create', 'name=Nome Sbagliato', `owner_org=${org}`, 'private=forse',
      '-r', portal.url, '-a', portal.admin.token);
    expect(code).toBe(1);
    const line = output.trim().split('\n').pop()!;
    expect(line).toMatch(/^ckanapi\.errors\.ValidationError: \{/);
    expect(line).toContain("'private': ['Tipo errato: atteso vero o falso']");
    expect(line).toContain("'__type': 'Validation Error'");
  }, 30000);

  it('shows a NotFound as ckanapi.errors.NotFound', async () => {
    const { code, output } = await failingCkanapi('action', 'package_show', 'id=non-esiste', '-r', portal.url);
    expect(code).toBe(1);
    expect(output.trim().split('\n').pop()).toMatch(/^ckanapi\.errors\.NotFound: .*non-esiste/);
  }, 30000);
});
