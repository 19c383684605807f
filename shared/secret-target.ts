import { z } from 'zod';
import { parseRegistryUrl } from './registry-url';
import type { RegistryInput, RegistryRecord } from './schemas';

/**
 * What a stored secret is bound to: the host it is sent to, the registry type (how it is sent), the
 * user it belongs to, the connection mode and the CA trusted. A save that changes any of these
 * drops the stored secret unless a new one comes with it, or the operator confirms sending the
 * saved one to the new target (`keepSecretForNewTarget`). Main enforces it; the window uses the
 * same comparison to warn before a save.
 */
export const SecretTargetFieldSchema = z.enum(['host', 'type', 'username', 'connection', 'caCertificate']);
export type SecretTargetField = z.infer<typeof SecretTargetFieldSchema>;

/**
 * The operator's "send the saved secret to the new target". Meaningful only when the target
 * changed; absent means no. Never part of a registry's input, so no settings file can carry it.
 */
export const KeepSecretForNewTargetSchema = z.boolean().optional();

/** The fields of a saved registry or of a save (after the URL is normalised) that make its target. */
export type SecretTargetSubject = Pick<RegistryRecord, 'type' | 'url' | 'username' | 'accessKeyId' | 'connection' | 'caCertificate'>;

/** A save's target as the window has it, before main normalises the URL and the CA. */
export function secretTargetOfInput(input: RegistryInput): SecretTargetSubject {
  return {
    type: input.type,
    url: input.url,
    username: 'username' in input ? input.username : undefined,
    accessKeyId: input.type === 'ecr' ? input.accessKeyId : undefined,
    connection: input.type === 'other' ? input.connection : undefined,
    caCertificate: input.type === 'other' ? input.caCertificate : undefined,
  };
}

/** `host[:port]`, with `http://` when the URL says plain HTTP: where a Basic header would go. */
export function secretHost(url: string): string {
  const parsed = parseRegistryUrl(url);
  if (typeof parsed === 'string') return url.trim().toLowerCase();
  const hostAndPort = parsed.port === null ? parsed.host : `${parsed.host}:${parsed.port}`;
  return parsed.scheme === 'http' ? `http://${hostAndPort}` : hostAndPort;
}

function secretTargetOf(subject: SecretTargetSubject): Record<SecretTargetField, string> {
  return {
    host: secretHost(subject.url),
    type: subject.type,
    // An AWS secret access key belongs to its access key id as a password belongs to its user.
    username: ((subject.type === 'ecr' ? subject.accessKeyId : subject.username) ?? '').trim(),
    connection: subject.connection ?? 'secure',
    caCertificate: (subject.caCertificate ?? '').trim(),
  };
}

/** The bound fields that differ; empty when the stored secret may follow the save. */
export function changedSecretTarget(before: SecretTargetSubject, after: SecretTargetSubject): SecretTargetField[] {
  const was = secretTargetOf(before);
  const will = secretTargetOf(after);
  return SecretTargetFieldSchema.options.filter((field) => was[field] !== will[field]);
}
