import type { SecretObject } from '../pull-secrets/pull-secret';
import type { EngineSelection } from './engine-selection';

/** Reflector v10's annotation names (src/ES.Kubernetes.Reflector/Mirroring/Core/Annotations.cs). */
const PREFIX = 'reflector.v1.k8s.emberstack.com';
export const REFLECTS_ANNOTATION = `${PREFIX}/reflects`;

/** What each annotation the app writes tells Reflector, for the people who read an export. */
export const REFLECTOR_ANNOTATION_PURPOSES: Record<string, string> = {
  'reflection-allowed': 'Reflector may copy the Secret into other namespaces,',
  'reflection-allowed-namespaces-selector': 'but only into namespaces whose labels match this selector;',
  'reflection-auto-enabled': 'Reflector makes and updates the copies itself (no mirror Secret to write per namespace),',
  'reflection-auto-namespaces-selector': 'in every namespace whose labels match this selector, new ones too; a copy is deleted when its namespace stops matching.',
};

/**
 * Reflector's annotations on the source secret: reflection allowed to, and automatic into, the
 * selected namespaces (by label selector, Reflector ≥ 10.0.38). Mirrors keep the type and data.
 * They are Reflector's whole configuration: there is no other object.
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
