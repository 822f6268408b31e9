// Factories: users with roles, organizations, datasets, made through the actions themselves.
import request from 'supertest';
import { randomBytes } from 'node:crypto';
import { runAction } from '../../server/core/actions';
import { ActionContext, Actor } from '../../server/core/context';
import { siteUser } from '../../server/seed/site-user';
import { TestCatalogue } from './harness';

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function sysadminContext(cat: TestCatalogue): Promise<ActionContext> {
  return { services: cat.services, user: await siteUser(cat.services) };
}

export interface TestUser {
  actor: Actor;
  name: string;
  token: string;
  password: string;
}

/** A user with an API token (and a password, for the login pages). */
export async function makeUser(cat: TestCatalogue, opts: { name?: string; sysadmin?: boolean } = {}): Promise<TestUser> {
  const ctx = await sysadminContext(cat);
  const name = opts.name ?? unique('utente');
  const password = 'password-di-prova-123';
  const user = await runAction('user_create', ctx, { name, email: `${name}@example.it`, password, sysadmin: opts.sysadmin === true });
  const { token } = await runAction('api_token_create', ctx, { user: name, name: 'test' });
  return { actor: { id: user.id, name, sysadmin: user.sysadmin }, name, token, password };
}

export async function makeOrg(cat: TestCatalogue, fields: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const ctx = await sysadminContext(cat);
  // IPA codes are unique: each organization gets its own (c_ and eight hex digits).
  return runAction('organization_create', ctx, { name: unique('ente'), title: 'Ente di prova', identifier: unique('c').replace('-', '_'), ...fields });
}

export async function addMember(cat: TestCatalogue, org: string, user: string, role: 'admin' | 'editor' | 'member'): Promise<void> {
  await runAction('organization_member_create', await sysadminContext(cat), { id: org, username: user, role });
}

export async function makeDataset(cat: TestCatalogue, org: string, fields: Record<string, unknown> = {}): Promise<any> {
  return runAction('package_create', await sysadminContext(cat), {
    name: unique('dataset'), title: 'Dataset di prova', notes: 'Descrizione', owner_org: org, ...fields,
  });
}

/** POST an action as CKAN clients do: JSON body, raw token in Authorization. */
export function callAction(cat: TestCatalogue, name: string, body: unknown, token?: string) {
  const req = request(cat.app).post(`/api/3/action/${name}`).set('Content-Type', 'application/json');
  if (token) req.set('Authorization', token);
  return req.send(JSON.stringify(body));
}

export function getAction(cat: TestCatalogue, name: string, query: Record<string, string> = {}, token?: string) {
  const req = request(cat.app).get(`/api/3/action/${name}`).query(query);
  if (token) req.set('Authorization', token);
  return req;
}
