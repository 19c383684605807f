// The public face of main/connection (Test connection): other folders import only this file.
export { createConnectionTests, type ConnectionTests, type ConnectionTestsDependencies } from './connection-tests';
