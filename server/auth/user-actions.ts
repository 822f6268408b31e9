// Users and API tokens.
import { randomUUID } from 'node:crypto';
import { recordActivity } from '../activity/record';
import { defineAction, publicAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotAuthorized, NotFound, ValidationError } from '../core/errors';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';
import { Dict } from '../catalogue/present';
import { emailKey, emailRace, requireEmailFree } from './email';
import { ApiTokenEntity, UserEntity } from './entities';
import { hashPassword } from './passwords';
import { requireLogin, requireSysadmin } from './policies';
import { hashToken, newToken } from './tokens';

export async function findUser(ctx: ActionContext, idOrName: string): Promise<UserEntity> {
  const repo = ctx.services.db.getRepository(UserEntity);
  const user = (await repo.findOneBy({ id: idOrName })) ?? (await repo.findOneBy({ name: idOrName }));
  if (!user || user.state === 'deleted') throw new NotFound(`Utente non trovato: ${idOrName}`);
  return user;
}

function isSelfOrSysadmin(ctx: ActionContext, user: UserEntity): boolean {
  return !!ctx.user && (ctx.user.sysadmin || ctx.user.id === user.id);
}

export function userDict(user: UserEntity, withPrivate: boolean): Dict {
  const dict: Dict = {
    id: user.id, name: user.name, fullname: user.fullname, display_name: user.fullname || user.name,
    about: user.about, created: user.created, state: user.state, sysadmin: user.sysadmin,
  };
  if (withPrivate) dict.email = user.email;
  return dict;
}

export const userShow = defineAction({
  name: 'user_show', kind: 'read', schema: 'user_show.json', auth: publicAction,
  help: "Restituisce un utente; l'email solo all'utente stesso e agli amministratori di sistema.",
  run: async (ctx, input: { id: string }) => {
    const user = await findUser(ctx, input.id);
    return userDict(user, isSelfOrSysadmin(ctx, user));
  },
});

export const userCreate = defineAction({
  name: 'user_create', kind: 'write', schema: 'user_create.json', auth: (ctx) => void requireSysadmin(ctx),
  help: 'Crea un utente (solo amministratori di sistema).',
  run: async (ctx, input: { name: string; email: string; password?: string; fullname?: string; about?: string; sysadmin?: boolean }) => {
    if (await ctx.services.db.getRepository(UserEntity).findOneBy({ name: input.name })) {
      throw ValidationError.field('name', 'Questo nome utente è già in uso');
    }
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(), name: input.name, email: input.email, emailKey: emailKey(input.email), fullname: input.fullname ?? '', about: input.about ?? '',
      passwordHash: input.password ? await hashPassword(input.password, ctx.services.config.passwordCost) : '', sysadmin: input.sysadmin === true,
      state: 'active', created: nowIso(),
    });
    await inTransaction(ctx.services.db, async (m) => {
      await requireEmailFree(m, user.email);
      await m.getRepository(UserEntity).insert(user);
      await recordActivity(m, { userId: ctx.user!.id, objectId: user.id, type: 'new user', data: { user: userDict(user, false) } });
    }).catch((error) => {
      throw emailRace(error);
    });
    return userDict(user, true);
  },
});

export const apiTokenCreate = defineAction({
  name: 'api_token_create', kind: 'write', schema: 'api_token_create.json',
  help: 'Crea un token API per un utente (se stessi, o chiunque per un amministratore di sistema). Il token è mostrato una sola volta.',
  auth: async (ctx, input: { user: string; name: string }) => {
    requireLogin(ctx);
    if (!isSelfOrSysadmin(ctx, await findUser(ctx, input.user))) throw new NotAuthorized('Puoi creare token solo per te stesso');
  },
  run: async (ctx, input: { user: string; name: string }) => {
    const user = await findUser(ctx, input.user);
    const token = newToken();
    const row = { id: randomUUID(), userId: user.id, name: input.name, tokenHash: hashToken(token), created: nowIso(), lastAccess: null };
    await inTransaction(ctx.services.db, (m) => m.getRepository(ApiTokenEntity).insert(row));
    return { token, id: row.id };
  },
});

async function tokenToRevoke(ctx: ActionContext, input: { token?: string; jti?: string }): Promise<ApiTokenEntity> {
  const repo = ctx.services.db.getRepository(ApiTokenEntity);
  const row = input.jti ? await repo.findOneBy({ id: input.jti }) : await repo.findOneBy({ tokenHash: hashToken(String(input.token)) });
  if (!row) throw new NotFound('Token non trovato');
  return row;
}

export const apiTokenRevoke = defineAction({
  name: 'api_token_revoke', kind: 'write', schema: 'api_token_revoke.json',
  help: 'Revoca un token API, dato il token stesso o il suo id (jti).',
  auth: async (ctx, input: { token?: string; jti?: string }) => {
    requireLogin(ctx);
    const row = await tokenToRevoke(ctx, input);
    if (!ctx.user!.sysadmin && row.userId !== ctx.user!.id) throw new NotAuthorized('Puoi revocare solo i tuoi token');
  },
  run: async (ctx, input: { token?: string; jti?: string }) => {
    const row = await tokenToRevoke(ctx, input);
    await inTransaction(ctx.services.db, (m) => m.getRepository(ApiTokenEntity).delete({ id: row.id }));
    return null;
  },
});

export const apiTokenList = defineAction({
  name: 'api_token_list', kind: 'read', schema: 'api_token_list.json',
  help: "Elenca i token API di un utente (senza il token, che non è conservato).",
  auth: async (ctx, input: { user_id: string }) => {
    requireLogin(ctx);
    if (!isSelfOrSysadmin(ctx, await findUser(ctx, input.user_id))) throw new NotAuthorized('Puoi vedere solo i tuoi token');
  },
  run: async (ctx, input: { user_id: string }) => {
    const user = await findUser(ctx, input.user_id);
    const rows = await ctx.services.db.getRepository(ApiTokenEntity).find({ where: { userId: user.id }, order: { created: 'ASC' } });
    return rows.map((r) => ({ id: r.id, name: r.name, user_id: r.userId, created_at: r.created, last_access: r.lastAccess }));
  },
});

export const userActions = [userShow, userCreate, apiTokenCreate, apiTokenRevoke, apiTokenList];
