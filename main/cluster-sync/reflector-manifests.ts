import type { SecretObject } from '../injection/pull-secret';
import type { EngineSelection } from './engine-selection';

const PREFIX = 'reflector.v1.k8s.emberstack.com';
export const REFLECTS_ANNOTATION = `${PREFIX}/reflects`;

/**
 * Reflector's annotations on the source secret: reflection allowed to, and automatic into, the
 * selected namespaces (by label selector, Reflector ≥ 10.0.38). Mirrors keep the type and data.
 */
export function reflectorAnnotations(selection: EngineSelection): Record<string, string> {
  return {
    [`${PREFIX}/reflection-allowed`]: 'true',
    [`${PREFIX}/reflection-allowed-namespaces-selector`]: selection.text,
    [`${PREFIX}/reflection-auto-enabled`]: 'true',
    [`${PREFIX}/reflection-auto-namespaces-selector`]: selection.text,
  };
}

export function withReflection(source: SecretObject, selection: EngineSelection): SecretObject {
  return { ...source, metadata: { ...source.metadata, annotations: { ...source.metadata.annotations, ...reflectorAnnotations(selection) } } };
}
