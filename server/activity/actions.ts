// Reading the activity stream: per dataset, per organization, and for the whole site.
import { Brackets, In } from 'typeorm';
import { UserEntity } from '../auth/entities';
import { CAN_EDIT_DATASETS, CAN_READ_PRIVATE, orgIdsWithCapacity } from '../auth/policies';
import { findGroupOrOrg } from '../catalogue/lookup';
import { visiblePackage } from '../catalogue/package-actions';
import { PackageEntity } from '../catalogue/entities';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ActivityEntity } from './entities';

async function present(ctx: ActionContext, rows: ActivityEntity[]) {
  const userIds = [...new Set(rows.map((r) => r.userId).filter((id): id is string => !!id))];
  const users = userIds.length ? await ctx.services.db.getRepository(UserEntity).findBy({ id: In(userIds) }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id, timestamp: r.timestamp, user_id: r.userId, user_name: r.userId ? names.get(r.userId) ?? null : null,
    object_id: r.objectId, activity_type: r.activityType, data: r.data,
  }));
}

/** Package activities the caller may see: those of datasets that are public now, or of its orgs. */
async function visibleActivities(ctx: ActionContext) {
  const qb = ctx.services.db.getRepository(ActivityEntity).createQueryBuilder('a')
    .innerJoin(PackageEntity, 'p', 'p.id = a.object_id');
  if (!ctx.user?.sysadmin) {
    // As in package_show: members see private datasets of their orgs, only editors see drafts.
    const orgs = await orgIdsWithCapacity(ctx, CAN_READ_PRIVATE);
    const editable = await orgIdsWithCapacity(ctx, CAN_EDIT_DATASETS);
    qb.andWhere(new Brackets((w) => {
      w.where("p.private = :priv AND p.state <> 'draft'", { priv: false });
      if (orgs.length) w.orWhere("p.owner_org IN (:...orgs) AND p.state <> 'draft'", { orgs });
      if (editable.length) w.orWhere('p.owner_org IN (:...editable)', { editable });
    }));
  }
  return qb;
}

export const packageActivityList = defineAction({
  name: 'package_activity_list', kind: 'read', schema: 'package_activity_list.json', auth: publicAction,
  help: 'Le modifiche a un dataset, dalla più recente: chi, quando, cosa.',
  run: async (ctx, input: { id: string; limit?: number; offset?: number }) => {
    const pkg = await visiblePackage(ctx, input.id);
    const rows = await ctx.services.db.getRepository(ActivityEntity).find({
      where: { objectId: pkg.id }, order: { timestamp: 'DESC', id: 'DESC' }, take: input.limit ?? 31, skip: input.offset ?? 0,
    });
    return present(ctx, rows);
  },
});

export const recentlyChangedPackagesActivityList = defineAction({
  name: 'recently_changed_packages_activity_list', kind: 'read', schema: 'recently_changed_packages_activity_list.json', auth: publicAction,
  help: 'Le ultime modifiche ai dataset di tutto il portale.',
  run: async (ctx, input: { limit?: number; offset?: number }) => {
    const rows = await (await visibleActivities(ctx))
      .orderBy('a.timestamp', 'DESC').addOrderBy('a.id', 'DESC').take(input.limit ?? 31).skip(input.offset ?? 0).getMany();
    return present(ctx, rows);
  },
});

export const organizationActivityList = defineAction({
  name: 'organization_activity_list', kind: 'read', schema: 'organization_activity_list.json', auth: publicAction,
  help: "Le ultime modifiche ai dataset di un'organizzazione e all'organizzazione stessa.",
  run: async (ctx, input: { id: string; limit?: number; offset?: number }) => {
    const org = await findGroupOrOrg(ctx.services.db.manager, input.id, true);
    const packageRows = await (await visibleActivities(ctx)).andWhere('p.owner_org = :org', { org: org.id })
      .orderBy('a.timestamp', 'DESC').addOrderBy('a.id', 'DESC').take((input.limit ?? 31) + (input.offset ?? 0)).getMany();
    const own = await ctx.services.db.getRepository(ActivityEntity).find({ where: { objectId: org.id }, order: { timestamp: 'DESC' }, take: (input.limit ?? 31) + (input.offset ?? 0) });
    const merged = [...packageRows, ...own].sort((a, b) => b.timestamp.localeCompare(a.timestamp));
    return present(ctx, merged.slice(input.offset ?? 0, (input.offset ?? 0) + (input.limit ?? 31)));
  },
});

export const activityActions = [packageActivityList, recentlyChangedPackagesActivityList, organizationActivityList];
