// What every action receives: who is asking, and the services it may use.
import { DataSource } from 'typeorm';
import { Config } from '../config';
import type { FileStore } from '../files/store';
import type { DatastoreStore } from '../datastore/store';
import type { ThisNode } from '../nodes/registry';

export interface Actor {
  id: string;
  name: string;
  sysadmin: boolean;
}

export interface Services {
  db: DataSource;
  config: Config;
  files: FileStore;
  /** This process in the instance registry (server/nodes). */
  node: ThisNode;
  /** The DataStore's tables, apart from the catalogue's (server/datastore). */
  datastore: DatastoreStore;
}

export interface ActionContext {
  services: Services;
  /** null for anonymous requests. */
  user: Actor | null;
}
