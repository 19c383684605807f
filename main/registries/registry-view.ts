import { parseEcrHost, parseRegistryUrl } from '../../shared/registry-url';
import type { RegistryRecord, RegistryView } from '../../shared/schemas';
import { inspectCertificates } from '../certificates/inspect-certificates';

function ecrAddress(record: RegistryRecord) {
  if (record.type !== 'ecr') return {};
  const parsed = parseRegistryUrl(record.url);
  const ecr = typeof parsed === 'string' ? null : parseEcrHost(parsed);
  return ecr ? { ecrRegion: ecr.region, ecrAccountId: ecr.accountId } : {};
}

/** What the renderer may know of a registry: the record, derived facts, and secret presence only. */
export function toRegistryView(record: RegistryRecord, now: Date): RegistryView {
  const inspection = record.caCertificate ? inspectCertificates(record.caCertificate, now) : null;
  return {
    ...record,
    storedSecrets: {
      password: record.secrets.includes('password'),
      secretAccessKey: record.secrets.includes('secretAccessKey'),
      serviceAccountJson: record.secrets.includes('serviceAccountJson'),
    },
    ...ecrAddress(record),
    ...(inspection?.ok ? { certificates: inspection.certificates } : {}),
  };
}
