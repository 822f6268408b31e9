// Harvesting (ckanext-harvest's model): a source is a remote catalogue; each run of it is a job; each
// remote dataset it ever gave is an object, the mapping from the remote identity to the local dataset.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonText } from '../db/columns';

export type HarvestSourceType = 'ckan' | 'dcat_rdf';
export const HARVEST_SOURCE_TYPES: HarvestSourceType[] = ['ckan', 'dcat_rdf'];
export type HarvestFrequency = 'MANUAL' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'BIWEEKLY' | 'MONTHLY';
export const HARVEST_FREQUENCIES: HarvestFrequency[] = ['MANUAL', 'HOURLY', 'DAILY', 'WEEKLY', 'BIWEEKLY', 'MONTHLY'];
/** ckanext-harvest's job statuses, as its API reports them. */
export type HarvestJobStatus = 'New' | 'Running' | 'Finished';
/** What the last job did to an object (ckanext-harvest's report_status). */
export type HarvestObjectAction = 'added' | 'updated' | 'unchanged' | 'deleted' | 'errored';

export interface HarvestObjectError {
  guid: string;
  message: string;
}

@Entity('harvest_source')
export class HarvestSourceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 2000 }) url!: string;
  @Column({ type: 'varchar', length: 500, default: '' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'source_type', type: 'varchar', length: 20 }) sourceType!: HarvestSourceType;
  /** The organization that owns the source and, unless the config says otherwise, its datasets. */
  @Index() @Column({ name: 'owner_org', type: 'varchar', length: 36 }) ownerOrg!: string;
  @Column({ type: 'varchar', length: 20, default: 'MANUAL' }) frequency!: HarvestFrequency;
  /** As given (a JSON object's text), as ckanext-harvest keeps it. */
  @Column({ type: 'text', default: '' }) config!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'varchar', length: 20, default: 'active' }) state!: string;
  @Column({ type: 'varchar', length: 32 }) created!: string;
  /** When a periodic source is due next; null for MANUAL ones. */
  @Column({ name: 'next_run', type: 'varchar', length: 32, nullable: true }) nextRun!: string | null;
}

@Entity('harvest_job')
@Index('IDX_harvest_job_source', ['sourceId', 'created'])
export class HarvestJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'source_id', type: 'varchar', length: 36 }) sourceId!: string;
  @Column({ type: 'varchar', length: 20, default: 'New' }) status!: HarvestJobStatus;
  @Column({ type: 'integer', default: 0 }) added!: number;
  @Column({ type: 'integer', default: 0 }) updated!: number;
  @Column({ type: 'integer', default: 0 }) deleted!: number;
  @Column({ type: 'integer', default: 0 }) errored!: number;
  @Column({ type: 'varchar', length: 32 }) created!: string;
  @Column({ name: 'gather_started', type: 'varchar', length: 32, nullable: true }) gatherStarted!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) finished!: string | null;
  /** Why the whole job failed (an unreachable source), in Italian; empty when it did not. */
  @Column({ name: 'gather_errors', type: 'text', nullable: true, transformer: jsonText }) gatherErrors!: string[] | null;
  /** The errors of its objects, kept with the job (the objects' own change with later jobs). */
  @Column({ name: 'object_errors', type: 'text', nullable: true, transformer: jsonText }) objectErrors!: HarvestObjectError[] | null;
  /** The newest remote metadata_modified this job saw: where the next incremental run starts. */
  @Column({ name: 'harvested_until', type: 'varchar', length: 40, nullable: true }) harvestedUntil!: string | null;
}

@Entity('harvest_object')
@Index('IDX_harvest_object_guid', ['sourceId', 'guid'], { unique: true })
@Index('IDX_harvest_object_job', ['lastJobId', 'lastAction'])
export class HarvestObjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'source_id', type: 'varchar', length: 36 }) sourceId!: string;
  /** The remote identity: a CKAN dataset's id, a DCAT dataset's URI. */
  @Column({ type: 'varchar', length: 1000 }) guid!: string;
  /** The local dataset; null while it was never created (its record always failed). */
  @Index() @Column({ name: 'package_id', type: 'varchar', length: 36, nullable: true }) packageId!: string | null;
  /** The remote metadata_modified (CKAN) or the hash of the mapped record (DCAT): what tells a change. */
  @Column({ name: 'content_hash', type: 'varchar', length: 100, default: '' }) contentHash!: string;
  /** False once detached or deleted at the source: harvesting no longer owns the dataset. */
  @Column({ type: 'boolean', default: true }) current!: boolean;
  @Column({ name: 'last_job_id', type: 'varchar', length: 36, nullable: true }) lastJobId!: string | null;
  @Column({ name: 'last_action', type: 'varchar', length: 20, default: 'unchanged' }) lastAction!: HarvestObjectAction;
  @Column({ type: 'varchar', length: 20, default: 'active' }) state!: string;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'varchar', length: 32 }) updated!: string;
}

export const harvestEntities = [HarvestSourceEntity, HarvestJobEntity, HarvestObjectEntity];
