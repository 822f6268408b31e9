// Users, their API tokens and their memberships in organizations.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('user')
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 300, default: '' }) fullname!: string;
  @Column({ type: 'varchar', length: 300, default: '' }) email!: string;
  /** The email trimmed and lower-cased (server/auth/email.ts), unique: null while the email is empty. */
  @Index({ unique: true }) @Column({ name: 'email_key', type: 'varchar', length: 300, nullable: true }) emailKey!: string | null;
  @Column({ type: 'text', default: '' }) about!: string;
  /** scrypt$N$r$p$salt$hash, or '' for a user who logs in with tokens only. */
  @Column({ name: 'password_hash', type: 'varchar', length: 300, default: '' }) passwordHash!: string;
  @Column({ type: 'boolean', default: false }) sysadmin!: boolean;
  @Column({ type: 'varchar', length: 20, default: 'active' }) state!: string;
  @Column({ type: 'varchar', length: 32 }) created!: string;
}

@Entity('api_token')
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 200, default: '' }) name!: string;
  /** sha256 of the token: the token itself is shown once and never stored. */
  @Index({ unique: true }) @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Column({ type: 'varchar', length: 32 }) created!: string;
  @Column({ name: 'last_access', type: 'varchar', length: 32, nullable: true }) lastAccess!: string | null;
}

export type Capacity = 'admin' | 'editor' | 'member';

@Entity('member')
export class MemberEntity {
  @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 }) groupId!: string;
  @Index() @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @Column({ type: 'varchar', length: 20 }) capacity!: Capacity;
  @Column({ type: 'varchar', length: 32 }) created!: string;
}

/** Login sessions, in the database so that several app instances share them. */
@Entity('http_session')
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 }) sid!: string;
  @Column({ type: 'text' }) data!: string;
  @Index() @Column({ type: 'bigint' }) expires!: string;
}

/** Settings the instances must share, such as the session secret. */
@Entity('system_setting')
export class SystemSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 }) key!: string;
  @Column({ type: 'text' }) value!: string;
}

/** Rate-limit counters (login attempts), in the database so that every app instance counts the same. */
@Entity('rate_limit')
export class RateLimitEntity {
  @PrimaryColumn({ type: 'varchar', length: 300 }) key!: string;
  @Column({ type: 'integer' }) hits!: number;
  @Index() @Column({ name: 'reset_at', type: 'bigint' }) resetAt!: string;
}
