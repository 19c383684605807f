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

  it('lists a cluster it could not check first, as a group of its own: a badge for a count, its reason as the one row', () => {
    render(<RemovalTable removals={REMOVALS} unchecked={[{ context: 'gone', error: { code: 'cluster.unreachable', message: 'refused', params: { context: 'gone', detail: 'ECONNREFUSED' } } }]} />);
    const groups = screen.getAllByTestId('removal-cluster');
    expect(groups.map((group) => group.dataset.context)).toEqual(['gone', 'with-eso', 'lab']);
    const gone = groups[0]!;
    expect(gone.dataset.state).toBe('not-checked');
    expect(gone.querySelector('.change-group-cluster')?.textContent).toBe('Cluster gone Not checked');
    expect(within(gone).getByTestId('not-checked-row').textContent).toBe('The API server of "gone" cannot be reached: ECONNREFUSEDAnything Registry Desk put in this cluster stays.');
    expect(within(gone).queryAllByTestId('removal-row')).toEqual([]);
  });

  it('says the same in Chinese, kinds as Kubernetes spells them', () => {
    act(() => useLanguagePreference.setState({ choice: 'zh-CN' }));
    render(<RemovalTable removals={REMOVALS} />);
    expect(screen.getAllByTestId('removal-namespace').map((group) => group.textContent)).toContain('集群级（无命名空间） 2 项变更');
    expect(rowText('ClusterExternalSecret')).toEqual([['ClusterExternalSecret', 'registry-desk-docker-hub-pull-secret', '删除']]);
  });
});
