// Catalogue tables: organizations and groups (one table, as in CKAN), datasets, resources, tags.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintToNumber, jsonText } from '../db/columns';

export interface Extra {
  key: string;
  value: string;
}

@Entity('group')
// An IPA code names one administration: no two organizations (or themes) share a non-empty one.
@Index('IDX_group_identifier', ['identifier'], { unique: true, where: "identifier <> ''" })
// One group per EU data theme (catalogue/themes.ts): a theme is the group of the datasets that have it.
@Index('IDX_group_theme', ['theme'], { unique: true, where: "theme <> ''" })
export class GroupEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 300, default: '' }) title!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ name: 'is_organization', type: 'boolean', default: false }) isOrganization!: boolean;
  /** IPA code of an organization (codice IPA), empty for themes. */
  @Column({ type: 'varchar', length: 100, default: '' }) identifier!: string;
  /** The EU data-theme code (TRAN...) of a theme group: its datasets are those having that theme. Empty otherwise. */
  @Column({ type: 'varchar', length: 20, default: '' }) theme!: string;
  @Column({ type: 'varchar', length: 300, default: '' }) email!: string;
  @Column({ type: 'varchar', length: 500, default: '' }) url!: string;
  @Column({ name: 'image_url', type: 'varchar', length: 500, default: '' }) imageUrl!: string;
  @Column({ type: 'varchar', length: 20, default: 'active' }) state!: string;
  @Column({ type: 'varchar', length: 32 }) created!: string;
}

@Entity('package')
// The feeds' order: public active datasets with a distribution, newest change first, read straight off
// this index (a deep page skips index entries, not rows with a subquery each).
@Index('IDX_package_published', ['state', 'private', 'hasDistribution', 'metadataModified', 'id'])
// The whole-catalogue export's order (by id, which never changes while the export runs).
@Index('IDX_package_published_id', ['state', 'private', 'hasDistribution', 'id'])
export class PackageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 500, default: '' }) title!: string;
  @Column({ type: 'text', default: '' }) notes!: string;
  @Column({ type: 'varchar', length: 1000, default: '' }) url!: string;
  @Column({ type: 'varchar', length: 100, default: '' }) version!: string;
  @Column({ type: 'varchar', length: 300, default: '' }) author!: string;
  @Column({ name: 'author_email', type: 'varchar', length: 300, default: '' }) authorEmail!: string;
  @Column({ type: 'varchar', length: 300, default: '' }) maintainer!: string;
  @Column({ name: 'maintainer_email', type: 'varchar', length: 300, default: '' }) maintainerEmail!: string;
  @Column({ name: 'license_id', type: 'varchar', length: 100, default: '' }) licenseId!: string;
  @Column({ type: 'boolean', default: false }) private!: boolean;
  @Index() @Column({ type: 'varchar', length: 20, default: 'active' }) state!: string;
  @Column({ type: 'varchar', length: 100, default: 'dataset' }) type!: string;
  @Index() @Column({ name: 'owner_org', type: 'varchar', length: 36 }) ownerOrg!: string;
  @Column({ name: 'creator_user_id', type: 'varchar', length: 36, nullable: true }) creatorUserId!: string | null;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) extras!: Extra[] | null;
  /** DCAT-AP_IT identifier (dct:identifier), "ipaCode:name" unless the editor gave another. Unique. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 300, nullable: true }) identifier!: string | null;
  /** The other DCAT-AP_IT fields as the editor gave them (server/dcat/dataset-fields.ts); derived values are not stored. */
  @Column({ type: 'text', nullable: true, transformer: jsonText }) dcat!: Record<string, unknown> | null;
  /** At least one active resource: DCAT-AP_IT publishes only datasets with a distribution. Kept by refreshDistributionFlag. */
  @Column({ name: 'has_distribution', type: 'boolean', default: false }) hasDistribution!: boolean;
  @Column({ name: 'metadata_created', type: 'varchar', length: 32 }) metadataCreated!: string;
  @Index() @Column({ name: 'metadata_modified', type: 'varchar', length: 32 }) metadataModified!: string;
}

@Entity('resource')
// A dataset's resources, and its active formats without reading their rows (the formats facet, search-sql.ts).
@Index('IDX_resource_formats', ['packageId', 'state', 'format'])
export class ResourceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ name: 'package_id', type: 'varchar', length: 36 }) packageId!: string;
  @Column({ type: 'varchar', length: 2000, default: '' }) url!: string;
  /** 'upload' when the bytes live in our file store, '' for a link. */
  @Column({ name: 'url_type', type: 'varchar', length: 20, default: '' }) urlType!: string;
  @Column({ type: 'varchar', length: 500, default: '' }) name!: string;
  @Column({ type: 'text', default: '' }) description!: string;
  @Column({ type: 'varchar', length: 100, default: '' }) format!: string;
  @Column({ type: 'varchar', length: 200, default: '' }) mimetype!: string;
  @Column({ type: 'bigint', nullable: true, transformer: bigintToNumber }) size!: number | null;
  @Column({ type: 'varchar', length: 200, default: '' }) hash!: string;
  @Column({ type: 'integer', default: 0 }) position!: number;
  @Column({ type: 'varchar', length: 20, default: 'active' }) state!: string;
  @Column({ name: 'current_file_id', type: 'varchar', length: 36, nullable: true }) currentFileId!: string | null;
  @Column({ type: 'text', nullable: true, transformer: jsonText }) extras!: Record<string, unknown> | null;
  /** DCAT-AP_IT distribution fields as the editor gave them (server/dcat/distribution-fields.ts). */
  @Column({ type: 'text', nullable: true, transformer: jsonText }) dcat!: Record<string, unknown> | null;
  @Column({ type: 'varchar', length: 32 }) created!: string;
  @Column({ name: 'last_modified', type: 'varchar', length: 32, nullable: true }) lastModified!: string | null;
  @Column({ name: 'metadata_modified', type: 'varchar', length: 32 }) metadataModified!: string;
  /** True once the resource has a DataStore table (server/datastore), as CKAN's `datastore_active`. */
  @Column({ name: 'datastore_active', type: 'boolean', default: false }) datastoreActive!: boolean;
}

/** Every file ever uploaded to a resource: the current one and the versions it replaced. */
@Entity('resource_file')
export class ResourceFileEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'resource_id', type: 'varchar', length: 36 }) resourceId!: string;
  /** Path relative to the data dir's files/ folder; never built from user input. */
  @Index() @Column({ name: 'storage_key', type: 'varchar', length: 200 }) storageKey!: string;
  @Column({ type: 'varchar', length: 300 }) filename!: string;
  @Column({ type: 'bigint', transformer: bigintToNumber }) size!: number;
  @Column({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'varchar', length: 200, default: '' }) mimetype!: string;
  /** 'utf-8' when the bytes are valid UTF-8, '' when unknown (server/files/charset.ts). */
  @Column({ type: 'varchar', length: 20, default: '' }) charset!: string;
  @Column({ name: 'uploaded_by', type: 'varchar', length: 36, nullable: true }) uploadedBy!: string | null;
  @Column({ type: 'varchar', length: 32 }) created!: string;
}

@Entity('package_tag')
export class PackageTagEntity {
  @PrimaryColumn({ name: 'package_id', type: 'varchar', length: 36 }) packageId!: string;
  @PrimaryColumn({ type: 'varchar', length: 100 }) tag!: string;
}

@Entity('package_group')
export class PackageGroupEntity {
  @PrimaryColumn({ name: 'package_id', type: 'varchar', length: 36 }) packageId!: string;
  @Index() @PrimaryColumn({ name: 'group_id', type: 'varchar', length: 36 }) groupId!: string;
}
