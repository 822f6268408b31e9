// The catalogue the visibility table reads: one dataset in each state, each alone in its own
// organization and its own group (so that a count of 1 or 0 says whether that dataset was counted),
// and one user per role, holding that role in every one of those organizations.
import { runAction } from '../../server/core/actions';
import { TestCatalogue } from '../support/harness';
import { addMember, makeOrg, makeUser, sysadminContext, TestUser, unique } from '../support/factories';
import { uploadTo } from '../api/world';

export const STATES = ['public', 'private', 'draft', 'deleted', 'noDistribution'] as const;
export type State = (typeof STATES)[number];

export const ROLES = ['anonymous', 'member', 'editor', 'admin', 'otherEditor', 'sysadmin'] as const;
export type Role = (typeof ROLES)[number];

export interface Subject {
  id: string;
  name: string;
  /** A tag only this dataset has. */
  tag: string;
  org: { id: string; name: string };
  group: { id: string; name: string };
  /** Download URLs of the current file and of the one it replaced; null without a distribution. */
  download: { current: string; previous: string } | null;
  resourceId: string | null;
}

export interface World {
  subjects: Record<State, Subject>;
  users: Record<Exclude<Role, 'anonymous'>, TestUser>;
}

const FIELDS: Record<State, Record<string, unknown>> = {
  public: {},
  private: { private: true },
  draft: { state: 'draft' },
  deleted: {},
  noDistribution: {},
};

async function uploadTwice(cat: TestCatalogue, token: string, packageId: string) {
  const file = (content: string) => ({ content: Buffer.from(content), filename: 'dati.csv', contentType: 'text/csv' });
  const created = await uploadTo(cat, 'resource_create', { package_id: packageId, name: 'Dati' }, file('a,b\n1,2\n'), token);
  if (created.status !== 200) throw new Error(`upload: ${JSON.stringify(created.body)}`);
  const updated = await uploadTo(cat, 'resource_update', { id: created.body.result.id, name: 'Dati' }, file('a,b\n3,4\n'), token);
  if (updated.status !== 200) throw new Error(`upload: ${JSON.stringify(updated.body)}`);
  return updated.body.result as { id: string; url: string };
}

async function makeSubject(cat: TestCatalogue, state: State, sysadmin: TestUser): Promise<Subject> {
  const ctx = await sysadminContext(cat);
  const org = await makeOrg(cat, { name: unique(`ente-${state.toLowerCase()}`) });
  const group = await runAction('group_create', ctx, { name: unique(`tema-${state.toLowerCase()}`), title: `Tema ${state}` });
  const tag = unique(`tag${state.toLowerCase()}`);
  const pkg = await runAction('package_create', ctx, {
    name: unique(`ds-${state.toLowerCase()}`), title: `Dataset ${state}`, notes: 'Descrizione', owner_org: org.id,
    tags: [{ name: tag }], groups: [{ id: group.id }], ...FIELDS[state],
  });
  let download: Subject['download'] = null;
  let resourceId: string | null = null;
  if (state !== 'noDistribution') {
    const resource = await uploadTwice(cat, sysadmin.token, pkg.id);
    const shown = await runAction('resource_show', ctx, { id: resource.id });
    download = { current: resource.url, previous: shown.file_versions[0].url };
    resourceId = resource.id;
  }
  if (state === 'deleted') await runAction('package_delete', ctx, { id: pkg.id });
  return { id: pkg.id, name: pkg.name, tag, org, group, download, resourceId };
}

export async function buildWorld(cat: TestCatalogue): Promise<World> {
  const users = {
    member: await makeUser(cat), editor: await makeUser(cat), admin: await makeUser(cat),
    otherEditor: await makeUser(cat), sysadmin: await makeUser(cat, { sysadmin: true }),
  };
  const subjects = {} as Record<State, Subject>;
  for (const state of STATES) {
    const subject = await makeSubject(cat, state, users.sysadmin);
    for (const role of ['member', 'editor', 'admin'] as const) await addMember(cat, subject.org.name, users[role].name, role);
    subjects[state] = subject;
  }
  const elsewhere = await makeOrg(cat);
  await addMember(cat, elsewhere.name, users.otherEditor.name, 'editor');
  return { subjects, users };
}

export function tokenOf(world: World, role: Role): string | undefined {
  return role === 'anonymous' ? undefined : world.users[role].token;
}
