import type { ContextList } from '../../shared/access-contract';
import { ContextListSchema } from '../../shared/access-contract';
import { RegistryViewSchema, type RegistryView } from '../../shared/schemas';
import type { Answers } from './fake-api';
import { ok } from './fake-api';

/** A registry as main would list it, checked against the contract's schema. */
export function registryView(name: string, id: string, isDefault = false): RegistryView {
  return RegistryViewSchema.parse({
    id,
    name,
    type: 'docker',
    url: 'docker.io',
    isDefault,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    username: 'octocat',
    secrets: ['password'],
    storedSecrets: { password: true, secretAccessKey: false, serviceAccountJson: false },
  });
}

export function contextList(currentContext: string | null): ContextList {
  return ContextListSchema.parse({ contexts: [], currentContext, files: [], source: 'default' });
}

/** What main answers at app start: English, a working keychain, these registries, no contexts. */
export function startAnswers(registries: RegistryView[]): Answers {
  return {
    'preferences:get': () => ok({ language: 'en' }),
    'keychain:status': () => ok({ available: true, backend: 'gnome-keyring' }),
    'registries:list': () => ok(registries),
    'clusters:list': () => ok(contextList(null)),
    'clusters:probe': () => ok({}),
    'access:refresh-state': () => ok({ registries: [], stopsWhenAppCloses: true, now: new Date().toISOString() }),
  };
}
