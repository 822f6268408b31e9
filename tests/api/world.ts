// A small catalogue shared by the API tests: two organizations and one user per role.
//   orgA: member, editor, admin        orgB: otherEditor        plus a sysadmin and anonymous
import request from 'supertest';
import { runAction } from '../../server/core/actions';
import { TestCatalogue } from '../support/harness';
import { addMember, makeOrg, makeUser, sysadminContext, TestUser, unique } from '../support/factories';

export const ROLES = ['anonymous', 'member', 'editor', 'admin', 'otherEditor', 'sysadmin'] as const;
export type Role = (typeof ROLES)[number];

export interface World {
  orgA: { id: string; name: string };
  orgB: { id: string; name: string };
  users: Record<Exclude<Role, 'anonymous'>, TestUser>;
}

export async function buildWorld(cat: TestCatalogue): Promise<World> {
  const [orgA, orgB] = [await makeOrg(cat), await makeOrg(cat)];
  const users = {
    member: await makeUser(cat), editor: await makeUser(cat), admin: await makeUser(cat),
    otherEditor: await makeUser(cat), sysadmin: await makeUser(cat, { sysadmin: true }),
  };
  await addMember(cat, orgA.name, users.member.name, 'member');
  await addMember(cat, orgA.name, users.editor.name, 'editor');
  await addMember(cat, orgA.name, users.admin.name, 'admin');
  await addMember(cat, orgB.name, users.otherEditor.name, 'editor');
  return { orgA, orgB, users };
}

export function tokenOf(world: World, role: Role): string | undefined {
  return role === 'anonymous' ? undefined : world.users[role].token;
}

/** A dataset made by the site user, with one linked resource. */
export async function seedDataset(cat: TestCatalogue, org: string, fields: Record<string, unknown> = {}): Promise<any> {
  return runAction('package_create', await sysadminContext(cat), {
    name: unique('ds'), title: 'Dataset di prova', notes: 'Descrizione di prova', owner_org: org,
    resources: [{ name: 'Collegamento', url: 'https://example.org/dati.csv' }], ...fields,
  });
}

/** resource_create or resource_update with a multipart `upload`, as CKAN clients send files. */
export function uploadTo(
  cat: TestCatalogue, action: 'resource_create' | 'resource_update' | 'resource_patch',
  fields: Record<string, string>, file: { content: Buffer; filename: string; contentType?: string }, token?: string,
) {
  const req = request(cat.app).post(`/api/3/action/${action}`);
  if (token) req.set('Authorization', token);
  for (const [key, value] of Object.entries(fields)) req.field(key, value);
  return req.attach('upload', file.content, { filename: file.filename, contentType: file.contentType ?? 'application/octet-stream' });
}

/** The path part of a download URL that the API returned (the app is driven without a host). */
export function pathOf(url: string): string {
  return new URL(url).pathname;
}

/** Asks supertest to keep the body as raw bytes, whatever the Content-Type. */
export function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export async function download(cat: TestCatalogue, url: string, token?: string, headers: Record<string, string> = {}) {
  const req = request(cat.app).get(pathOf(url)).buffer(true).parse(binary as never);
  if (token) req.set('Authorization', token);
  for (const [key, value] of Object.entries(headers)) req.set(key, value);
  return req;
}
