// Organizations (the publishing entities) and groups (themes): one table, as in CKAN.
import { In, Not } from 'typeorm';
import { recordActivity } from '../activity/record';
import { MemberEntity, UserEntity } from '../auth/entities';
import { requireIdentifierAllowed } from '../auth/organization-identifier';
import { CAN_MANAGE_ORG, requireLogin, requireOrgCapacity, requireSysadmin } from '../auth/policies';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { GroupEntity, PackageEntity, PackageGroupEntity } from './entities';
import { bumpGroupsRevision } from './dataset-cache';
import { findGroupOrOrg } from './lookup';
import { Dict, organizationDict, packageDicts } from './present';
import { lockedRow } from './row-lock';
import { newIdFor } from './new-id';
import { ReadOptions, Scope, scopeFor } from './visibility';
import { textOf } from '../core/text';
import { reindexGroupDatasets } from '../search/search-index';


/**
 * The datasets an organization or group page lists to the caller, as in CKAN: public ones, and the private
 * ones of the organizations the caller belongs to. Drafts and deleted datasets are not listed.
 */
const LISTED_IN_GROUPS: ReadOptions = { includePrivate: true };

/** package_count of each organization or group: the datasets of it that the caller would find listed. */
async function datasetCounts(ctx: ActionContext, groups: GroupEntity[], scope: Scope): Promise<Map<string, number>> {
  const orgIds = groups.filter((g) => g.isOrganization).map((g) => g.id);
  const groupIds = groups.filter((g) => !g.isOrganization).map((g) => g.id);
  const orgRows: { id: string; count: string }[] = orgIds.length ? await ctx.services.db.getRepository(PackageEntity)
    .createQueryBuilder('p').select('p.owner_org', 'id').addSelect('COUNT(*)', 'count')
    .where('p.owner_org IN (:...orgIds)', { orgIds }).andWhere(scope.where, scope.params)
    .groupBy('p.owner_org').getRawMany() : [];
  const groupRows: { id: string; count: string }[] = groupIds.length ? await ctx.services.db.getRepository(PackageGroupEntity)
    .createQueryBuilder('pg').innerJoin(PackageEntity, 'p', 'p.id = pg.package_id')
    .select('pg.group_id', 'id').addSelect('COUNT(*)', 'count')
    .where('pg.group_id IN (:...groupIds)', { groupIds }).andWhere(scope.where, scope.params)
    .groupBy('pg.group_id').getRawMany() : [];
  return new Map([...orgRows, ...groupRows].map((r) => [r.id, Number(r.count)]));
}

/** The datasets of an organization or group the caller would find listed, newest change first. */
async function listedDatasets(ctx: ActionContext, group: GroupEntity, scope: Scope): Promise<PackageEntity[]> {
  const qb = ctx.services.db.getRepository(PackageEntity).createQueryBuilder('p').where(scope.where, scope.params);
  if (group.isOrganization) qb.andWhere('p.owner_org = :id', { id: group.id });
  else qb.innerJoin(PackageGroupEntity, 'pg', 'pg.package_id = p.id').andWhere('pg.group_id = :id', { id: group.id });
  return qb.orderBy('p.metadata_modified', 'DESC').addOrderBy('p.id', 'ASC').take(1000).getMany();
}

function listAction(isOrganization: boolean) {
  const name = isOrganization ? 'organization_list' : 'group_list';
  return defineAction({
    name, kind: 'read', schema: `${name}.json`, auth: publicAction,
    help: isOrganization ? 'Elenca le organizzazioni (nomi, o dizionari con all_fields).' : 'Elenca i gruppi tematici.',
    run: async (ctx, input: Dict) => {
      const [field, direction] = textOf(input.sort || 'title asc').split(/\s+/);
      const order = ['name', 'title', 'created'].includes(field) ? field : 'title';
      const only = input[isOrganization ? 'organizations' : 'groups'];
      const names = Array.isArray(only) ? only : only ? String(only).split(',') : null;
      const groups = await ctx.services.db.getRepository(GroupEntity).find({
        where: { isOrganization, state: 'active', ...(names ? { name: In(names) } : {}) },
        order: { [order]: direction?.toLowerCase() === 'desc' ? 'DESC' : 'ASC' },
        take: input.limit, skip: input.offset,
      });
      if (!input.all_fields) return groups.map((g) => g.name);
      const counts = await datasetCounts(ctx, groups, await scopeFor(ctx, 'p', LISTED_IN_GROUPS));
      return groups.map((g) => organizationDict(g, { package_count: counts.get(g.id) ?? 0 }));
    },
  });
}

function showAction(isOrganization: boolean) {
  const name = isOrganization ? 'organization_show' : 'group_show';
  return defineAction({
    name, kind: 'read', schema: `${name}.json`, auth: publicAction,
    help: isOrganization ? "Restituisce un'organizzazione, con i suoi dataset pubblici e (per i suoi amministratori) i membri." : 'Restituisce un gruppo tematico.',
    run: async (ctx, input: Dict) => {
      const group = await findGroupOrOrg(ctx.services.db.manager, String(input.id), isOrganization);
      const scope = await scopeFor(ctx, 'p', LISTED_IN_GROUPS);
      const counts = await datasetCounts(ctx, [group], scope);
      const dict = organizationDict(group, { package_count: counts.get(group.id) ?? 0 });
      if (input.include_datasets) {
        dict.packages = await packageDicts(ctx.services.db.manager, await listedDatasets(ctx, group, scope), ctx.services.config.siteUrl);
      }
      if (isOrganization && input.include_users !== false && ctx.user && (ctx.user.sysadmin || (await isMember(ctx, group.id)))) {
        dict.users = await membersOf(ctx, group.id);
      }
      return dict;
    },
  });
}

async function isMember(ctx: ActionContext, orgId: string): Promise<boolean> {
  return !!(await ctx.services.db.getRepository(MemberEntity).findOneBy({ groupId: orgId, userId: ctx.user!.id }));
}

async function membersOf(ctx: ActionContext, orgId: string): Promise<Dict[]> {
  const members = await ctx.services.db.getRepository(MemberEntity).findBy({ groupId: orgId });
  const users = members.length ? await ctx.services.db.getRepository(UserEntity).findBy({ id: In(members.map((m) => m.userId)) }) : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return members
    .map((m) => ({ id: m.userId, name: byId.get(m.userId)?.name ?? '', display_name: byId.get(m.userId)?.fullname || byId.get(m.userId)?.name, capacity: m.capacity }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Update replaces every field (CKAN's semantics); patch keeps what is not sent. */
async function saveGroup(ctx: ActionContext, input: Dict, isOrganization: boolean, existing?: GroupEntity, replace = false): Promise<Dict> {
  const name = textOf(input.name ?? existing?.name);
  const clash = await ctx.services.db.getRepository(GroupEntity).findOneBy(existing ? { name, id: Not(existing.id) } : { name });
  if (clash) throw ValidationError.field('name', 'Questo nome (URL) è già in uso');
  const pick = (field: string, current: string | undefined) => (input[field] !== undefined ? textOf(input[field]) : replace ? '' : current ?? '');
  return inTransaction(ctx.services.db, async (m) => {
    // A patch keeps what it does not send as it is now, read in this transaction with the row locked: a concurrent patch is not lost.
    if (existing) Object.assign(existing, await lockedRow(m, GroupEntity, existing.id));
    // The IPA code is the organization's identity, as its name: kept when not sent, set only by sysadmins.
    const identifier = input.identifier !== undefined ? textOf(input.identifier) : existing?.identifier ?? '';
    await requireIdentifierAllowed(ctx, identifier, existing);
    const titleBefore = existing?.title;
    const group = existing ?? Object.assign(new GroupEntity(), { id: await newIdFor(m, GroupEntity, ctx, input.id), isOrganization, created: nowIso(), state: 'active' });
    Object.assign(group, {
      name: textOf(input.name ?? existing?.name),
      // A theme's group is titled with its EU label (catalogue/themes.ts), whatever a client sends.
      title: existing?.theme ? existing.title : pick('title', existing?.title),
      description: pick('description', existing?.description),
      identifier,
      email: pick('email', existing?.email),
      url: pick('url', existing?.url),
      imageUrl: pick('image_url', existing?.imageUrl),
    });
    await m.getRepository(GroupEntity).save(group);
    // Datasets show their organization and groups: cached presentations of them are now out of date
    // (a new one is in no dataset yet: nothing kept changes).
    if (existing) await bumpGroupsRevision(m);
    // Their datasets are found by the organization's or theme's title: their index rows say the new one.
    if (existing && group.title !== titleBefore) await reindexGroupDatasets(m, group.id);
    const kind = isOrganization ? 'organization' : 'group';
    const dict = organizationDict(group);
    await recordActivity(m, { userId: ctx.user!.id, objectId: group.id, type: existing ? `changed ${kind}` : `new ${kind}`, data: { [kind]: dict } });
    if (!existing && isOrganization && !ctx.user!.sysadmin) {
      await m.getRepository(MemberEntity).insert({ groupId: group.id, userId: ctx.user!.id, capacity: 'admin', created: nowIso() });
    }
    return dict;
  });
}

export const organizationCreate = defineAction({
  name: 'organization_create', kind: 'write', schema: 'organization_create.json', auth: (ctx) => void requireSysadmin(ctx),
  help: "Crea un'organizzazione (solo amministratori di sistema).",
  run: (ctx, input: Dict) => saveGroup(ctx, input, true),
});

export const groupCreate = defineAction({
  name: 'group_create', kind: 'write', schema: 'group_create.json', auth: (ctx) => void requireSysadmin(ctx),
  help: 'Crea un gruppo tematico (solo amministratori di sistema).',
  run: (ctx, input: Dict) => saveGroup(ctx, input, false),
});

export const groupUpdate = defineAction({
  name: 'group_update', kind: 'write', schema: 'group_update.json', auth: (ctx) => void requireSysadmin(ctx),
  help: 'Modifica un gruppo tematico (solo amministratori di sistema); il titolo di un tema EU resta la sua etichetta.',
  run: async (ctx, input: Dict) => {
    const group = await findGroupOrOrg(ctx.services.db.manager, String(input.id ?? input.name), false);
    return saveGroup(ctx, input, false, group, true);
  },
});

const manageOrgAuth = async (ctx: ActionContext, input: Dict) => {
  requireLogin(ctx);
  const org = await findGroupOrOrg(ctx.services.db.manager, String(input.id ?? input.name), true);
  await requireOrgCapacity(ctx, org.id, CAN_MANAGE_ORG, "Solo gli amministratori dell'organizzazione possono farlo");
};

function orgUpdateAction(name: 'organization_update' | 'organization_patch', help: string) {
  return defineAction({
    name, kind: 'write', schema: `${name}.json`, auth: manageOrgAuth, help,
    run: async (ctx, input: Dict) => {
      const org = await findGroupOrOrg(ctx.services.db.manager, String(input.id ?? input.name), true);
      return saveGroup(ctx, input, true, org, name === 'organization_update');
    },
  });
}

export const organizationUpdate = orgUpdateAction('organization_update', "Modifica un'organizzazione (amministratori dell'organizzazione).");
export const organizationPatch = orgUpdateAction('organization_patch', "Modifica solo i campi indicati di un'organizzazione.");

export const organizationActions = [
  listAction(true), listAction(false), showAction(true), showAction(false),
  organizationCreate, groupCreate, groupUpdate, organizationUpdate, organizationPatch,
];
