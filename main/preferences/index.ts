// The public face of main/preferences (language and other choices): other folders import only this file.
export { createPreferences } from './preferences';
