// Fixture for the import rules: one import through the public face (allowed), one past it (forbidden).
import { planLifetime } from '../access';
import { planLifetime as internal } from '../access/access-plans';

export const sum = planLifetime + internal;
