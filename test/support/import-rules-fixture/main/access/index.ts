// Fixture for the import rules: the capability's public face.
export { planLifetime } from './access-plans';
