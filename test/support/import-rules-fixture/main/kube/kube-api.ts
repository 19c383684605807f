// Fixture for the import rules: a lower layer reaching up into a capability breaks the kube rule.
import { planLifetime } from '../access/access-plans';

export const listLimit = planLifetime;
