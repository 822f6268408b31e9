// Who may do what, in one place. Roles in an organization: member < editor < admin; sysadmins do all.
//   read private datasets of an org: member, editor, admin
//   create/update/delete datasets of an org: editor, admin
//   manage the org and its members: admin
// Who may read a dataset is server/catalogue/visibility.ts: one rule for every reader.
import { ActionContext, Actor } from '../core/context';
import { NotAuthorized } from '../core/errors';
import { Capacity, MemberEntity } from './entities';

export const CAN_READ_PRIVATE: Capacity[] = ['member', 'editor', 'admin'];
export const CAN_EDIT_DATASETS: Capacity[] = ['editor', 'admin'];
export const CAN_MANAGE_ORG: Capacity[] = ['admin'];

export function requireLogin(ctx: ActionContext): Actor {
  if (!ctx.user) throw new NotAuthorized('Devi accedere (o inviare un token API) per questa operazione');
  return ctx.user;
}

export function requireSysadmin(ctx: ActionContext): Actor {
  const user = requireLogin(ctx);
  if (!user.sysadmin) throw new NotAuthorized('Solo un amministratore di sistema può farlo');
  return user;
}

export async function hasOrgCapacity(ctx: ActionContext, orgId: string, capacities: Capacity[]): Promise<boolean> {
  if (!ctx.user) return false;
  if (ctx.user.sysadmin) return true;
  const row = await ctx.services.db.getRepository(MemberEntity).findOneBy({ userId: ctx.user.id, groupId: orgId });
  return !!row && capacities.includes(row.capacity);
}

export async function requireOrgCapacity(
  ctx: ActionContext,
  orgId: string,
  capacities: Capacity[],
  message: string,
): Promise<void> {
  requireLogin(ctx);
  if (!(await hasOrgCapacity(ctx, orgId, capacities))) throw new NotAuthorized(message);
}
