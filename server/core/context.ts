// What every action receives: who is asking, and the services it may use.
import { DataSource } from 'typeorm';
import { Config } from '../config';
import type { FileStore } from '../files/store';

export interface Actor {
  id: string;
  name: string;
  sysadmin: boolean;
}

export interface Services {
  db: DataSource;
  config: Config;
  files: FileStore;
}

export interface ActionContext {
  services: Services;
  /** null for anonymous requests. */
  user: Actor | null;
}
