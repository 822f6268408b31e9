// Makes an existing user a sysadmin. Only the CLI calls this: user_create has no update counterpart,
// and granting the highest role is an operator's act on the server, not something the API exposes.
import { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { UserEntity } from './entities';

export async function grantSysadmin(db: DataSource, userId: string): Promise<void> {
  await inTransaction(db, (m) => m.getRepository(UserEntity).update({ id: userId }, { sysadmin: true }));
}
