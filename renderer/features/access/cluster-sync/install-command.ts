import type { EngineDetection } from '../../../../shared/cluster-sync-contract';

/**
 * The Helm commands that install an engine, ready to paste: the repository under the chart's own
 * prefix, then the release named after the chart, in a namespace of that name, at the chart
 * version the app was checked against.
 */
export function installCommand({ repository, chart, chartVersion }: EngineDetection['install']): string {
  const [alias = chart, release = chart] = chart.split('/');
  return `helm repo add ${alias} ${repository} && helm install ${release} ${chart} --version ${chartVersion} --namespace ${release} --create-namespace`;
}
