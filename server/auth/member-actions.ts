// Memberships: who belongs to which organization, with which role.
import { In } from 'typeorm';
import { GroupEntity } from '../catalogue/entities';
import { findGroupOrOrg } from '../catalogue/lookup';
import { organizationDict } from '../catalogue/present';
import { defineAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotAuthorized, NotFound } from '../core/errors';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { Capacity, MemberEntity } from './entities';
import { CAN_EDIT_DATASETS, CAN_MANAGE_ORG, CAN_READ_PRIVATE, requireLogin, requireOrgCapacity } from './policies';
import { findUser } from './user-actions';

const manageMembersAuth = async (ctx: ActionContext, input: { id: string }) => {
  requireLogin(ctx);
  const org = await findGroupOrOrg(ctx.services.db.manager, input.id, true);
  await requireOrgCapacity(ctx, org.id, CAN_MANAGE_ORG, "Solo gli amministratori dell'organizzazione gestiscono i membri");
};

export const organizationMemberCreate = defineAction({
  name: 'organization_member_create', kind: 'write', schema: 'organization_member_create.json', auth: manageMembersAuth,
  help: "Aggiunge un utente a un'organizzazione, o ne cambia il ruolo (admin, editor, member).",
  run: async (ctx, input: { id: string; username: string; role: Capacity }) => {
    const org = await findGroupOrOrg(ctx.services.db.manager, input.id, true);
    const user = await findUser(ctx, input.username);
    await inTransaction(ctx.services.db, (m) =>
      m.getRepository(MemberEntity).save({ groupId: org.id, userId: user.id, capacity: input.role, created: nowIso() }));
    return { group_id: org.id, table_id: user.id, table_name: 'user', capacity: input.role, state: 'active' };
  },
});

export const organizationMemberDelete = defineAction({
  name: 'organization_member_delete', kind: 'write', schema: 'organization_member_delete.json', auth: manageMembersAuth,
  help: "Toglie un utente da un'organizzazione.",
  run: async (ctx, input: { id: string; username: string }) => {
    const org = await findGroupOrOrg(ctx.services.db.manager, input.id, true);
    const user = await findUser(ctx, input.username);
    const result = await inTransaction(ctx.services.db, (m) => m.getRepository(MemberEntity).delete({ groupId: org.id, userId: user.id }));
    if (!result.affected) throw new NotFound(`${user.name} non è membro di ${org.name}`);
    return null;
  },
});

const PERMISSION_CAPACITIES: Record<string, Capacity[]> = {
  read: CAN_READ_PRIVATE, create_dataset: CAN_EDIT_DATASETS, update_dataset: CAN_EDIT_DATASETS,
  delete_dataset: CAN_EDIT_DATASETS, manage_group: CAN_MANAGE_ORG,
};

export const organizationListForUser = defineAction({
  name: 'organization_list_for_user', kind: 'read', schema: 'organization_list_for_user.json',
  help: "Le organizzazioni in cui un utente (di default chi chiama) ha un certo permesso (default: manage_group).",
  auth: async (ctx, input: { id?: string }) => {
    const actor = requireLogin(ctx);
    if (input.id && !actor.sysadmin && (await findUser(ctx, input.id)).id !== actor.id) {
      throw new NotAuthorized('Puoi vedere solo le tue organizzazioni');
    }
  },
  run: async (ctx, input: { id?: string; permission?: string }) => {
    const user = input.id ? await findUser(ctx, input.id) : await findUser(ctx, ctx.user!.id);
    const orgs = ctx.services.db.getRepository(GroupEntity);
    if (user.sysadmin) {
      return (await orgs.find({ where: { isOrganization: true, state: 'active' }, order: { title: 'ASC' } })).map((o) => organizationDict(o, { capacity: 'admin' }));
    }
    const capacities = PERMISSION_CAPACITIES[input.permission ?? 'manage_group'];
    const memberships = await ctx.services.db.getRepository(MemberEntity).findBy({ userId: user.id, capacity: In(capacities) });
    const capacityByOrg = new Map(memberships.map((m) => [m.groupId, m.capacity]));
    if (!memberships.length) return [];
    const rows = await orgs.find({ where: { id: In([...capacityByOrg.keys()]), state: 'active' }, order: { title: 'ASC' } });
    return rows.map((o) => organizationDict(o, { capacity: capacityByOrg.get(o.id) }));
  },
});

export const memberActions = [organizationMemberCreate, organizationMemberDelete, organizationListForUser];
