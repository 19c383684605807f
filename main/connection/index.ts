// The public face of main/connection (Test connection): other folders import only this file.
export { createConnectionTests, type ConnectionTests } from './connection-tests';
