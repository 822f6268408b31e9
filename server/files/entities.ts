// A file moved into files/ whose resource_file row is not committed yet. Written, in its own committed
// write, before the move; deleted by the transaction that inserts the resource_file row. The sweep
// spares the files of pending rows whose node is alive, and removes the rest.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('file_pending')
export class FilePendingEntity {
  /** The storage key under files/ (as resource_file.storage_key). */
  @PrimaryColumn({ type: 'varchar', length: 200 }) key!: string;
  @Index() @Column({ name: 'node_id', type: 'varchar', length: 36 }) nodeId!: string;
  @Column({ type: 'varchar', length: 32 }) created!: string;
}
