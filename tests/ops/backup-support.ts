// Helpers for the backup tests: a catalogue with a bit of everything, a catalogue started on a place
// that a restore filled, and a snapshot of what a catalogue serves (API answers and file bytes).
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { Services } from '../../server/core/context';
import { closeServices, createServices } from '../../server/services';
import { addMember, callAction, makeOrg, makeUser, TestUser, unique } from '../support/factories';
import { EmptyPlace, TestCatalogue } from '../support/harness';
import { download, uploadTo } from '../api/world';

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface RichCatalogue {
  sysadmin: TestUser;
  member: TestUser;
  datasetIds: string[];
  privateDatasetId: string;
}

async function uploaded(cat: TestCatalogue, action: 'resource_create' | 'resource_update', fields: Record<string, string>, token: string) {
  const content = Buffer.concat([Buffer.from('anno;valore\n'), randomBytes(2048)]);
  const res = await uploadTo(cat, action, fields, { content, filename: `${unique('dati')}.csv`, contentType: 'text/csv' }, token);
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${res.text}`);
  return res.body.result;
}

async function dataset(cat: TestCatalogue, token: string, org: string, fields: Record<string, unknown> = {}) {
  const res = await callAction(cat, 'package_create', { name: unique('ds'), title: 'Dati di prova', notes: 'Descrizione', owner_org: org, tags: [{ name: 'prova' }], ...fields }, token);
  if (res.status !== 200) throw new Error(`package_create: ${res.status} ${res.text}`);
  return res.body.result;
}

/** Datasets (public, private, deleted), users, memberships, tokens, uploads and replaced files. */
export async function buildRichCatalogue(cat: TestCatalogue): Promise<RichCatalogue> {
  const sysadmin = await makeUser(cat, { sysadmin: true });
  const member = await makeUser(cat);
  const org = await makeOrg(cat);
  await addMember(cat, org.name, member.name, 'member');
  const open = await dataset(cat, sysadmin.token, org.name);
  const resource = await uploaded(cat, 'resource_create', { package_id: open.id, name: 'Prima versione' }, sysadmin.token);
  await uploaded(cat, 'resource_update', { id: resource.id, name: 'Seconda versione' }, sysadmin.token);
  await uploaded(cat, 'resource_update', { id: resource.id, name: 'Terza versione' }, sysadmin.token);
  const hidden = await dataset(cat, sysadmin.token, org.name, { private: true });
  await uploaded(cat, 'resource_create', { package_id: hidden.id, name: 'Riservato' }, sysadmin.token);
  const gone = await dataset(cat, sysadmin.token, org.name, { resources: [{ name: 'Link', url: 'https://example.org/x.csv' }] });
  await callAction(cat, 'package_delete', { id: gone.id }, sysadmin.token).expect(200);
  return { sysadmin, member, datasetIds: [open.id, hidden.id, gone.id], privateDatasetId: hidden.id };
}

/** What a client sees: every dataset, its resources' file versions (bytes hashed), its activity. */
export async function servedCatalogue(cat: TestCatalogue, datasetIds: string[], token: string): Promise<Record<string, unknown>> {
  const seen: Record<string, unknown> = {};
  for (const id of datasetIds) {
    const shown = await callAction(cat, 'package_show', { id }, token).expect(200);
    const activity = await callAction(cat, 'package_activity_list', { id }, token).expect(200);
    const files: Record<string, string> = {};
    for (const resource of shown.body.result.resources) {
      const { file_versions: older } = (await callAction(cat, 'resource_show', { id: resource.id }, token).expect(200)).body.result;
      const current = resource.url_type === 'upload' ? [{ url: resource.url, hash: resource.hash }] : [];
      for (const version of [...current, ...older]) {
        const res = await download(cat, version.url, token);
        expect(res.status).toBe(200);
        expect(sha256(res.body)).toBe(version.hash.replace(/^sha256:/, ''));
        files[version.url] = sha256(res.body);
      }
    }
    seen[id] = { dataset: shown.body.result, activity: activity.body.result, files };
  }
  return seen;
}

/** A catalogue started on a place a restore filled: the same site URL as the test harness's. */
export async function catalogueOn(place: EmptyPlace): Promise<TestCatalogue> {
  const config = loadConfig({
    CATALOGO_DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl, CATALOGO_SEED: 'none', CATALOGO_SITE_URL: 'http://catalogo.test',
  });
  const services: Services = await createServices(config);
  const app: Express = await createApp(services);
  return {
    services, app, config, dataDir: place.dataDir,
    restart: async () => undefined,
    close: async () => closeServices(services),
  };
}

export function envOfPlace(place: EmptyPlace): Record<string, string> {
  return { CATALOGO_DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl, CATALOGO_SEED: 'none' };
}

/** A folder for archives, outside the checkout. */
export function archiveFolder(): { file(name: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalogo-archivi-'));
  return { file: (name) => path.join(dir, name), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

