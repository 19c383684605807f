// The fleet radar's public face: what composition and the IPC layer use.
export { createRadar, type Radar, type RadarDependencies } from './radar';
export type { Notify, RadarNotice } from './notices';
export { createRadarWatch, type RadarWatch } from './watch';
