// Password login: the one place the pages read a repository directly, because checking a password
// is not an action (it must never be reachable through the API's generic router).
import { UserEntity } from '../auth/entities';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { Services } from '../core/context';

const decoyHashes = new Map<number, Promise<string>>();

/** The active user with this name and password, or null. Unknown names cost the same scrypt time. */
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
