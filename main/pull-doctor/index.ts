// The public face of main/pull-doctor (why a pod cannot pull its image): other folders import only this file.
export { createPullDoctor } from './pull-doctor';
