// One activity (activity_show) and what it changed (activity_diff), as CKAN's activity plugin: the
// object's dict in this activity against the one in the previous activity of the same object.
import { findGroupOrOrg } from '../catalogue/lookup';
import { visiblePackage } from '../catalogue/visibility';
import { defineAction, runAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotFound } from '../core/errors';
import { present } from './actions';
import { Change, groupDictChanges, packageChanges } from './changes';
import { ActivityEntity } from './entities';
import { DiffType, lineDiff } from './line-diff';

export type ObjectType = 'package' | 'organization' | 'group' | 'user';

/** "changed package" concerns a package: the last word of the type names the object (its key in data). */
function objectTypeOf(activity: ActivityEntity): ObjectType {
  return activity.activityType.split(' ').pop() as ObjectType;
}

/**
 * An activity is read by whoever may read its object as it is now, as package_activity_list shows it:
 * a dataset's by those who may see the dataset (not found otherwise, never forbidden).
 */
async function readableActivity(ctx: ActionContext, id: string): Promise<ActivityEntity> {
  const activity = await ctx.services.db.getRepository(ActivityEntity).findOneBy({ id });
  if (!activity) throw new NotFound(`Attività non trovata: ${id}`);
  const type = objectTypeOf(activity);
  if (type === 'package') await visiblePackage(ctx, activity.objectId);
  else if (type === 'organization' || type === 'group') await findGroupOrOrg(ctx.services.db.manager, activity.objectId, type === 'organization');
  // A user's activity is read as user_show reads the user (its rule lives with it, in auth).
  else await runAction('user_show', ctx, { id: activity.objectId });
  return activity;
}

/** The activity just before this one for the same object, in package_activity_list's order. */
async function previousActivity(ctx: ActionContext, activity: ActivityEntity): Promise<ActivityEntity | null> {
  return ctx.services.db.getRepository(ActivityEntity).createQueryBuilder('a')
    .where('a.objectId = :object', { object: activity.objectId })
    .andWhere('(a.timestamp < :at OR (a.timestamp = :at AND a.id < :id))', { at: activity.timestamp, id: activity.id })
    .orderBy('a.timestamp', 'DESC').addOrderBy('a.id', 'DESC')
    .getOne();
}

/** JSON with sorted keys, two spaces deep: what CKAN compares line by line (json.dumps sort_keys). */
function sortedJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sorted(value), null, 2) ?? 'null';
}

/** The changes in words' terms: CKAN's templates compute them from the two dicts; here the API gives them too. */
export function changesBetween(objectType: ObjectType, before: Record<string, unknown>, after: Record<string, unknown>): Change[] {
  if (objectType === 'package') return packageChanges(before, after);
  return objectType === 'user' ? [] : groupDictChanges(before, after);
}

export const activityShow = defineAction({
  name: 'activity_show', kind: 'read', schema: 'activity_show.json',
  auth: async (ctx, input: { id: string }) => void (await readableActivity(ctx, input.id)),
  help: "Un'attività: chi ha cambiato cosa e quando, con la versione dell'oggetto dopo la modifica (include_data).",
  run: async (ctx, input: { id: string; include_data?: boolean }) => {
    const activity = await readableActivity(ctx, input.id);
    const [shown] = await present(ctx, [activity]);
    if (input.include_data !== false) return shown;
    // Without data, only what names the object, as CKAN's activity_show keeps its title.
    const type = objectTypeOf(activity);
    const object = (activity.data?.[type] ?? {}) as Record<string, unknown>;
    return { ...shown, data: { [type]: { id: object.id, name: object.name, title: object.title } } };
  },
});

interface DiffInput { id: string; object_type: ObjectType; diff_type?: DiffType }

export const activityDiff = defineAction({
  name: 'activity_diff', kind: 'read', schema: 'activity_diff.json',
  auth: async (ctx, input: DiffInput) => void (await readableActivity(ctx, input.id)),
  help: "Cosa ha cambiato un'attività rispetto alla precedente dello stesso oggetto: diff (unified, context o html) e changes, campo per campo.",
  run: async (ctx, input: DiffInput) => {
    const activity = await readableActivity(ctx, input.id);
    const previous = await previousActivity(ctx, activity);
    if (!previous) throw new NotFound("Nessuna attività precedente per quest'oggetto");
    const [before, after] = [previous.data?.[input.object_type], activity.data?.[input.object_type]];
    if (!before || !after || typeof before !== 'object' || typeof after !== 'object') throw new NotFound("Oggetto non trovato nei dati dell'attività");
    return {
      diff: lineDiff(sortedJson(before), sortedJson(after), input.diff_type ?? 'unified'),
      activities: await present(ctx, [previous, activity]),
      changes: changesBetween(input.object_type, before as Record<string, unknown>, after as Record<string, unknown>),
    };
  },
});

export const activityDiffActions = [activityShow, activityDiff];
