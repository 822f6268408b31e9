// The state of a resource's DataStore load: one row per resource, the latest load, with what was read,
// the report, the data dictionary, the editor's corrections and the progress.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText } from '../db/columns';
import type { ValidationReport } from './analyse';
import type { FieldOverride, TableSchema } from './schema';

export type LoadStatus = 'pending' | 'running' | 'success' | 'failure' | 'error';

@Entity('resource_load')
export class ResourceLoadEntity {
  @PrimaryColumn({ name: 'resource_id', type: 'varchar', length: 36 }) resourceId!: string;
  /** pending (queued), running, success, failure (the file is no table, or does not fit the types), error (ours). */
  @Column({ type: 'varchar', length: 16 }) status!: LoadStatus;
  /** The resource_file row whose bytes were (or are being) loaded. */
  @Column({ name: 'file_id', type: 'varchar', length: 36, nullable: true }) fileId!: string | null;
  @Column({ name: 'job_id', type: 'varchar', length: 36, nullable: true }) jobId!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) format!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) encoding!: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) delimiter!: string | null;
  @Column({ type: 'integer', nullable: true }) rows!: number | null;
  @Column({ type: 'integer', nullable: true }) columns!: number | null;
  @Column({ name: 'rows_read', type: 'integer', default: 0 }) rowsRead!: number;
  /** Of the file's bytes read, 0 to 100. */
  @Column({ type: 'integer', default: 0 }) percent!: number;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) report!: ValidationReport | null;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) dictionary!: TableSchema | null;
  /** The editor's corrections by column id (type, title, description), kept for every later load. */
  @Column({ type: 'text', nullable: true, transformer: jsonText }) overrides!: Record<string, FieldOverride> | null;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ name: 'error_en', type: 'text', nullable: true }) errorEn!: string | null;
  @Column({ type: 'varchar', length: 32 }) created!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) started!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) finished!: string | null;
  @Column({ type: 'varchar', length: 32 }) updated!: string;
}
