// The public face of main/registry-browser (what is inside each saved registry): other folders import only this file.
export { createRegistryBrowser, type RegistryBrowser } from './registry-browser';
