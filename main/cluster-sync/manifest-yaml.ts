import { stringify } from 'yaml';
import type { Manifest } from './object-kinds';

/** Comment lines (without `#`) before the documents. */
export type Comments = string[];

const comment = (lines: Comments): string => lines.map((line) => (line === '' ? '#\n' : `# ${line}\n`)).join('');

/**
 * Manifests as one multi-document YAML text, as `kubectl apply -f` reads it. The same manifests
 * always give the same bytes: no timestamps, keys in the order the app builds them, no line folding.
 */
export function manifestsYaml(manifests: Manifest[], header: Comments = []): string {
  const documents = manifests.map((manifest) => stringify(manifest, { lineWidth: 0, aliasDuplicateObjects: false }));
  return comment(header) + documents.map((document) => `---\n${document}`).join('');
}

