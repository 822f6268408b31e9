// Who may see a dataset, as a table: every reader (API actions, pages, feeds, downloads) × every state
// (public, private, draft, deleted, public without a distribution) × every role (anonymous, member,
// editor and admin of the owning organization, editor of another one, sysadmin). One rule, as CKAN:
// anonymous users read public active datasets; members also their organization's private ones; editors
// and admins also its drafts (package_search only with include_drafts); deleted datasets only sysadmins;
// feeds publish only what an anonymous visitor may read, and DCAT only datasets with a distribution.
import { startCatalogue, TestCatalogue } from '../support/harness';
import { allReaders, Cell, NOTHING_TO_READ, Reader, Rule } from './readers';
import { buildWorld, Role, ROLES, State, STATES, World } from './world';

const MEMBERS: Role[] = ['member', 'editor', 'admin', 'sysadmin'];
const EDITORS: Role[] = ['editor', 'admin', 'sysadmin'];
const EVERYONE: Role[] = [...ROLES];

/** Who sees a dataset in each state, per rule. */
const RULES: Record<Rule, Record<State, Role[]>> = {
  show: { public: EVERYONE, noDistribution: EVERYONE, private: MEMBERS, draft: EDITORS, deleted: ['sysadmin'] },
  listed: { public: EVERYONE, noDistribution: EVERYONE, private: [], draft: [], deleted: [] },
  withPrivate: { public: EVERYONE, noDistribution: EVERYONE, private: MEMBERS, draft: [], deleted: [] },
  withDrafts: { public: EVERYONE, noDistribution: EVERYONE, private: [], draft: EDITORS, deleted: [] },
  withPrivateAndDrafts: { public: EVERYONE, noDistribution: EVERYONE, private: MEMBERS, draft: EDITORS, deleted: [] },
  anonymous: { public: EVERYONE, noDistribution: EVERYONE, private: [], draft: [], deleted: [] },
  published: { public: EVERYONE, noDistribution: [], private: [], draft: [], deleted: [] },
};

function expected(reader: Reader, state: State, role: Role, actual: Cell): Cell {
  if (actual === NOTHING_TO_READ && state === 'noDistribution') return NOTHING_TO_READ;
  return RULES[reader.rule][state].includes(role) ? 'yes' : 'no';
}

let cat: TestCatalogue;
let world: World;
let readers: Reader[];

beforeAll(async () => {
  cat = await startCatalogue();
  world = await buildWorld(cat);
  readers = allReaders(cat, world);
}, 120_000);

afterAll(async () => cat?.close());

// The names are known before the catalogue exists: the readers are built with it.
const READER_NAMES = allReaders(undefined as never, undefined as never).map((r) => r.name);

describe('who may see a dataset', () => {
  it.each(READER_NAMES)('%s', async (name) => {
    const reader = readers.find((r) => r.name === name)!;
    const wrong: string[] = [];
    for (const role of ROLES) {
      const row = await reader.read(role);
      for (const state of STATES) {
        const want = expected(reader, state, role, row[state]);
        if (row[state] !== want) wrong.push(`${state} × ${role}: ${row[state]} (expected ${want})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
