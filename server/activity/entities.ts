import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from '../db/columns';

/** Who did what and when: one row per create, update or delete. */
@Entity('activity')
export class ActivityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ type: 'varchar', length: 32 }) timestamp!: string;
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true }) userId!: string | null;
  @Index() @Column({ name: 'object_id', type: 'varchar', length: 36 }) objectId!: string;
  /** For package activities, the owner organization: lets private activity be filtered in SQL. */
  @Column({ name: 'owner_org', type: 'varchar', length: 36, nullable: true }) ownerOrg!: string | null;
  @Column({ name: 'activity_type', type: 'varchar', length: 50 }) activityType!: string;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) data!: Record<string, unknown> | null;
}
