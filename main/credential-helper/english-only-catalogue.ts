// Stands in for shared/i18n/zh-CN.ts in the Node helper bundle only (build-helper.mjs): the helper
// answers tools in English (AppFailure and helper-protocol ask for 'en'), so a `get` need not parse
// the Chinese catalogue, about 100 KB of the code every call starts.
export { enErrors as zhErrors, enMessages as zhMessages } from '../../shared/i18n/en';
