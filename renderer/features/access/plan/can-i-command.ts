/** A shell word as typed: plain when it has no special characters, otherwise in single quotes. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9._\-/:@=+,]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The command an operator runs to ask the cluster what the preview asked it: may this user <verb> <resource> here? */
export function canICommand(verb: string, resource: 'secrets' | 'serviceaccounts', namespace: string, context: string): string {
  return ['kubectl', 'auth', 'can-i', verb, resource, '-n', namespace, '--context', context].map(shellWord).join(' ');
}
