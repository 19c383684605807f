import { useEditorStore } from './editor-store';
import { reboundSecret } from './rebound-secret';
import { SecretTargetChoice } from '../../ui/SecretTargetChoice';

/** The edit form's notice when a change of host, type, user, connection or CA would drop the saved secret. */
export function FormSecretTarget() {
  const saved = useEditorStore((state) => (state.mode.kind === 'edit' ? state.mode.registry : null));
  const draft = useEditorStore((state) => state.draft);
  const keepFor = useEditorStore((state) => state.keepSecretFor);
  const confirm = useEditorStore((state) => state.confirmSecretForNewTarget);
  const rebound = reboundSecret(saved, draft);
  // A confirmation names one host: pointing the form elsewhere asks again.
  return rebound && <SecretTargetChoice {...rebound} keep={keepFor === rebound.host} onKeepChange={(keep) => confirm(keep ? rebound.host : null)} />;
}
