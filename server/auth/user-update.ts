// Changing a user: oneself or, for a sysadmin, anyone. A new password from its owner needs the old one,
// so that a stolen session or token cannot lock the owner out.
import { defineAction } from '../core/actions';
import { ActionContext } from '../core/context';
import { NotAuthorized, ValidationError } from '../core/errors';
import { inTransaction } from '../db/transaction';
import { emailKey, emailRace, requireEmailFree } from './email';
import { UserEntity } from './entities';
import { hashPassword, verifyPassword } from './passwords';
import { requireLogin } from './policies';
import { findUser, userDict } from './user-actions';

interface UserChanges {
  id: string;
  email?: string;
  fullname?: string;
  about?: string;
  password?: string;
  old_password?: string;
}

async function requireSelfOrSysadmin(ctx: ActionContext, input: UserChanges): Promise<void> {
  const actor = requireLogin(ctx);
  const user = await findUser(ctx, input.id);
  if (!actor.sysadmin && actor.id !== user.id) throw new NotAuthorized('Puoi modificare solo il tuo profilo');
}

async function newPasswordHash(ctx: ActionContext, user: UserEntity, input: UserChanges): Promise<string> {
  if (!input.password) return user.passwordHash;
  const changingOwn = ctx.user!.id === user.id;
  if (changingOwn && user.passwordHash && !(input.old_password && (await verifyPassword(input.old_password, user.passwordHash)))) {
    throw ValidationError.field('old_password', 'Per cambiare la password indica quella attuale, corretta');
  }
  return hashPassword(input.password, ctx.services.config.passwordCost);
}

function updateAction(name: 'user_update' | 'user_patch', replace: boolean, help: string) {
  return defineAction({
    name, kind: 'write', schema: `${name}.json`, auth: requireSelfOrSysadmin, help,
    run: async (ctx, input: UserChanges) => {
      const user = await findUser(ctx, input.id);
      const pick = (field: 'fullname' | 'about', current: string) => input[field] ?? (replace ? '' : current);
      const email = input.email ?? user.email;
      // A user the migration left without a key (an email shared with an older user) gets one on a change.
      const keptWithoutKey = email === user.email && !user.emailKey;
      Object.assign(user, {
        email,
        emailKey: keptWithoutKey ? null : emailKey(email),
        fullname: pick('fullname', user.fullname),
        about: pick('about', user.about),
        passwordHash: await newPasswordHash(ctx, user, input),
      });
      await inTransaction(ctx.services.db, async (m) => {
        if (user.emailKey) await requireEmailFree(m, email, user.id);
        await m.getRepository(UserEntity).save(user);
      }).catch((error) => {
        throw emailRace(error);
      });
      return userDict(user, true);
    },
  });
}

export const userUpdate = updateAction('user_update', true, 'Modifica un utente (se stessi, o chiunque per un amministratore di sistema); i campi omessi tornano vuoti.');
export const userPatch = updateAction('user_patch', false, 'Modifica solo i campi indicati di un utente; cambiare la propria password richiede old_password.');
