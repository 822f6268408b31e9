// Reading the activity stream: per dataset, per organization, and for the whole site.
import { In } from 'typeorm';
import { UserEntity } from '../auth/entities';
import { findGroupOrOrg } from '../catalogue/lookup';
import { PackageEntity } from '../catalogue/entities';
import { ONE_DATASET, scopeFor, visiblePackage } from '../catalogue/visibility';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { ActivityEntity } from './entities';

/** Activities as the API returns them, each with the name of the user who acted. */
export async function present(ctx: ActionContext, rows: ActivityEntity[]) {
  const userIds = [...new Set(rows.map((r) => r.userId).filter((id): id is string => !!id))];
  const users = userIds.length ? await ctx.services.db.getRepository(UserEntity).findBy({ id: In(userIds) }) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id, timestamp: r.timestamp, user_id: r.userId, user_name: r.userId ? names.get(r.userId) ?? null : null,
    object_id: r.objectId, activity_type: r.activityType, data: r.data,
  }));
}

/** Activities of the datasets the caller may see as they are now, as package_show would show them. */
async function visibleActivities(ctx: ActionContext) {
  const scope = await scopeFor(ctx, 'p', ONE_DATASET);
  return ctx.services.db.getRepository(ActivityEntity).createQueryBuilder('a')
    .innerJoin(PackageEntity, 'p', 'p.id = a.object_id')
    .where(scope.where, scope.params);
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
