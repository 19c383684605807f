// Fixture for the import rules: a capability's internal file.
export const planLifetime = 1;
