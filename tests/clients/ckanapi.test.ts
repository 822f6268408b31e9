// ckanapi 4.11, the CKAN client operators use every day, unchanged (../shared/clients/ckanapi), against
// the portal: it lists and searches, dumps a catalogue (organizations, groups, datasets) and loads it
// into an empty one, ids and all, as it does between two CKAN sites. Outside CI the suite is skipped
// with a message when ckanapi or its Debian packages are missing; in CI it must run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { THEME_GROUP_NAMES } from '../../server/catalogue/themes';
import { runAction } from '../../server/core/actions';
import { absent, ckanapi, describeWithCkanapi, jsonLines, serve, Served } from './ckanapi-support';

describeWithCkanapi('ckanapi against the portal', () => {
  let source: Served;
  let target: Served;
  let dir: string;

  beforeAll(async () => {
    if (absent) throw new Error(`CI: ${absent}`);
    source = await serve(true);
    target = await serve(false);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-ckanapi-'));
  }, 60000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const listOf = (served: Served) => runAction('package_list', { services: served.cat.services, user: null }, {});

  it('lists and searches as CKAN users do', async () => {
    const listed = JSON.parse(await ckanapi('action', 'package_list', '-r', source.url));
    expect(listed).toEqual(await listOf(source));
    expect(listed.length).toBeGreaterThan(10);
    const file = path.join(dir, 'ricerca.jsonl');
    await ckanapi('search', 'datasets', 'q=covid', '-O', file, '-r', source.url);
    const expected = await runAction('package_search', { services: source.cat.services, user: null }, { q: 'covid', rows: 1000 });
    expect(jsonLines(file).map((d) => d.name).sort()).toEqual(expected.results.map((d: { name: string }) => d.name).sort());
    expect(expected.count).toBeGreaterThan(0);
  }, 60000);

  it('dumps a catalogue and loads it into an empty one, with its ids; a second load only updates', async () => {
    for (const thing of ['organizations', 'groups', 'datasets']) {
      await ckanapi('dump', thing, '--all', '-O', path.join(dir, `${thing}.jsonl`), '-r', source.url, '-a', source.admin.token);
    }
    const dumped = jsonLines(path.join(dir, 'datasets.jsonl'));
    expect(dumped.map((d) => d.name).sort()).toEqual(await listOf(source));
    for (const thing of ['organizations', 'groups', 'datasets']) {
      const out = await ckanapi('load', thing, '-I', path.join(dir, `${thing}.jsonl`), '-r', target.url, '-a', target.admin.token);
      // ckanapi load exits 0 even when a record fails: each line says what happened to one record.
      const lines = out.split('\n').filter((line) => /^\d+ /.test(line));
      // Every catalogue has the EU themes' groups (server/catalogue/themes.ts): those are updated, the rest created.
      const updates = thing === 'groups' ? Object.keys(THEME_GROUP_NAMES).length : 0;
      expect(lines.filter((line) => / update None /.test(line))).toHaveLength(updates);
      expect(lines.filter((line) => !/ (create|update) None /.test(line))).toEqual([]);
      expect(lines.length).toBe(jsonLines(path.join(dir, `${thing}.jsonl`)).length);
    }
    expect(await listOf(target)).toEqual(await listOf(source));
    for (const original of dumped) {
      const copy = await runAction('package_show', { services: target.cat.services, user: null }, { id: original.id });
      // The dumped dict's own fields are no unknown fields: nothing is added to the extras on the way.
      expect({ name: copy.name, org: copy.organization.name, tags: copy.tags.map((t: { name: string }) => t.name), resources: copy.resources.length, extras: copy.extras })
        .toEqual({ name: original.name, org: original.organization.name, tags: original.tags.map((t: { name: string }) => t.name), resources: original.resources.length, extras: original.extras });
      // The same resources, ids and all; a link keeps its address (an upload arrives as a link to the source's file).
      const resourcesOf = (d: any) => d.resources.map((r: any) => [r.id, r.name, r.format, r.url_type === 'upload' ? 'upload' : r.url]);
      expect(resourcesOf(copy).map((r: string[]) => r.slice(0, 3))).toEqual(resourcesOf(original).map((r: string[]) => r.slice(0, 3)));
      const links = (d: any) => resourcesOf(d).filter((r: string[]) => r[3] !== 'upload');
      expect(links(copy).filter((r: string[]) => links(original).some((o: string[]) => o[0] === r[0]))).toEqual(links(original));
      expect([copy.title, copy.notes, copy.license_id, copy.theme, copy.groups.map((g: { name: string }) => g.name)])
        .toEqual([original.title, original.notes, original.license_id, original.theme, original.groups.map((g: { name: string }) => g.name)]);
    }
    const again = await ckanapi('load', 'datasets', '-I', path.join(dir, 'datasets.jsonl'), '-r', target.url, '-a', target.admin.token);
    const lines = again.split('\n').filter((line) => /^\d+ /.test(line));
    expect(lines.length).toBe(dumped.length);
    expect(lines.filter((line) => !/ update None /.test(line))).toEqual([]);
  }, 120000);
});
