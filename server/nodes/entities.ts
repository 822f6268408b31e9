// The instance registry: one row per running server, worker or CLI process that keeps state outside the
// database (temporary files, leases). See registry.ts.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintToNumber } from '../db/columns';

@Entity('node')
export class NodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 255 }) hostname!: string;
  @Column({ type: 'integer' }) pid!: number;
  /** server, worker, cli... (what registered it). */
  @Column({ type: 'varchar', length: 20 }) role!: string;
  @Column({ type: 'varchar', length: 32 }) started!: string;
  /** Milliseconds since the epoch, on the node's clock: refreshed every HEARTBEAT_MS. */
  @Column({ type: 'bigint', transformer: bigintToNumber }) heartbeat!: number;
}
