// The public face of main/registry-export (Export, and importing a settings file): other folders import only this file.
export { createRegistryExport } from './registry-export';
