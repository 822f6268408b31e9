// The site's own sysadmin, on whose behalf the demo loader and the CLI act (CKAN's "site user").
import { randomUUID } from 'node:crypto';
import { UserEntity } from '../auth/entities';
import { Actor, Services } from '../core/context';
import { nowIso } from '../db/columns';
import { inTransaction } from '../db/transaction';

export const SITE_USER_NAME = 'catalogo-site';

export async function siteUser(services: Services): Promise<Actor> {
  const repo = services.db.getRepository(UserEntity);
  let user = await repo.findOneBy({ name: SITE_USER_NAME });
  if (!user) {
    user = Object.assign(new UserEntity(), {
      id: randomUUID(), name: SITE_USER_NAME, fullname: 'Portale catalogo', email: '', about: 'Utente di sistema del portale',
      passwordHash: '', sysadmin: true, state: 'active', created: nowIso(),
    });
    await inTransaction(services.db, (m) => m.getRepository(UserEntity).insert(user!));
  }
  return { id: user.id, name: user.name, sysadmin: true };
}
