// Password login: the one place the pages read a repository directly, because checking a password
// is not an action (it must never be reachable through the API's generic router).
import { UserEntity } from '../auth/entities';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { Services } from '../core/context';

const decoyHashes = new Map<number, Promise<string>>();

/**
 * The user name as login looks it up and as the rate limit counts it: one value for both, so that
 * " eda", "EDA\t" or a full-width "ｅｄａ" are the same account and share its attempts. User names are
 * lower-case slugs, so folding case only ever finds the account the name was meant for.
 */
export function loginName(raw: unknown): string {
  return typeof raw === 'string' ? raw.normalize('NFKC').trim().toLowerCase().slice(0, 200) : '';
}

/** The active user with this (already normalised) name and password, or null. Unknown names cost the same scrypt time. */
export async function userWithPassword(services: Services, username: string, password: string): Promise<UserEntity | null> {
  if (!username || !password || username.length > 100 || password.length > 1000) return null;
  const user = await services.db.getRepository(UserEntity).findOneBy({ name: username, state: 'active' });
  if (!user || !user.passwordHash) {
    const cost = services.config.passwordCost;
    if (!decoyHashes.has(cost)) decoyHashes.set(cost, hashPassword('decoy-password-never-matches', cost));
    await verifyPassword(password, await decoyHashes.get(cost)!);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}
