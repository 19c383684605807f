// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useLanguagePreference } from '../../renderer/i18n/language-preference';
import { RemovalTable } from '../../renderer/ui/removals/RemovalTable';
import type { Removal } from '../../renderer/ui/removals/removals';

afterEach(() => {
  cleanup();
  act(() => useLanguagePreference.setState({ choice: null, systemLanguage: 'en' }));
});

const REMOVALS: Removal[] = [
  { context: 'with-eso', namespace: 'registry-desk', kind: 'Secret', name: 'docker-hub-pull-secret' },
  { context: 'with-eso', namespace: '', kind: 'ClusterExternalSecret', name: 'registry-desk-docker-hub-pull-secret' },
  { context: 'with-eso', namespace: '', kind: 'ClusterSecretStore', name: 'registry-desk' },
  { context: 'lab', namespace: 'team-a', kind: 'ServiceAccount', name: 'default', dropsReference: 'docker-hub-pull-secret' },
];

const rowText = (kind: string) => [...screen.getAllByTestId('removal-row').filter((row) => row.dataset.kind === kind)].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));

describe('RemovalTable', () => {
  it('lists objects of any kind grouped cluster → namespace or cluster-wide, the kind in its own column', () => {
    render(<RemovalTable removals={REMOVALS} />);
    const eso = screen.getAllByTestId('removal-cluster').find((group) => group.dataset.context === 'with-eso')!;
    const groups = within(eso).getAllByTestId('removal-namespace');
    expect(groups.map((group) => group.textContent)).toEqual(['Namespace registry-desk 1 change', 'Cluster-wide 2 changes']);
    expect(rowText('ClusterSecretStore')).toEqual([['ClusterSecretStore', 'registry-desk', 'Delete']]);
    expect(rowText('Secret')).toEqual([['Secret', 'docker-hub-pull-secret', 'Delete']]);
    expect(rowText('ServiceAccount')).toEqual([['ServiceAccount', 'default', 'Remove docker-hub-pull-secret from its imagePullSecrets']]);
  });

  it('says the same in Chinese, kinds as Kubernetes spells them', () => {
    act(() => useLanguagePreference.setState({ choice: 'zh-CN' }));
    render(<RemovalTable removals={REMOVALS} />);
    expect(screen.getAllByTestId('removal-namespace').map((group) => group.textContent)).toContain('集群级（无命名空间） 2 项变更');
    expect(rowText('ClusterExternalSecret')).toEqual([['ClusterExternalSecret', 'registry-desk-docker-hub-pull-secret', '删除']]);
  });
});
