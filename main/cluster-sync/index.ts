// The public face of main/cluster-sync (the in-cluster sync through ESO or Reflector): other folders import only this file.
export { createClusterSync, type SyncCredentials } from './cluster-sync';
