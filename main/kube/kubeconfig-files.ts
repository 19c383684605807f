import { delimiter, join, resolve } from 'node:path';

export interface KubeconfigLocation {
  /** In kubectl's order of precedence: for each value, the first file that sets it wins. */
  files: string[];
  source: 'KUBECONFIG' | 'default';
}

/**
 * The files kubectl reads: every entry of KUBECONFIG (empty entries and repeats dropped), or
 * ~/.kube/config when the variable is unset or empty.
 */
export function kubeconfigLocation(kubeconfigVariable: string | undefined, home: string): KubeconfigLocation {
  const listed = (kubeconfigVariable ?? '').split(delimiter).filter((entry) => entry !== '');
  if (listed.length === 0) return { files: [join(home, '.kube', 'config')], source: 'default' };
  return { files: [...new Set(listed.map((entry) => resolve(entry)))], source: 'KUBECONFIG' };
}
