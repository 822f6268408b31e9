// Password login: the one place the pages read a repository directly, because checking a password
// is not an action (it must never be reachable through the API's generic router).
import { DataSource } from 'typeorm';
import { UserEntity } from '../auth/entities';
import { hashPassword, verifyPassword } from '../auth/passwords';

let decoyHash: Promise<string> | null = null;

/** The active user with this name and password, or null. Unknown names cost the same scrypt time. */
export async function userWithPassword(db: DataSource, username: string, password: string): Promise<UserEntity | null> {
  if (!username || !password || username.length > 100 || password.length > 1000) return null;
  const user = await db.getRepository(UserEntity).findOneBy({ name: username, state: 'active' });
  if (!user || !user.passwordHash) {
    decoyHash ??= hashPassword('decoy-password-never-matches');
    await verifyPassword(password, await decoyHash);
    return null;
  }
  return (await verifyPassword(password, user.passwordHash)) ? user : null;
}
