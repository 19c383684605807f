const SEQUENCE_TAG = 0x30;
const LONG_FORM_LENGTH = 0x80;

/**
 * A DER certificate is an ASN.1 SEQUENCE longer than 127 bytes, so it opens with 0x30 and a
 * long-form length byte (0x81 to 0x84) — never the start of a PEM text file.
 */
function isDer(bytes: Uint8Array): boolean {
  return bytes[0] === SEQUENCE_TAG && (bytes[1] ?? 0) > LONG_FORM_LENGTH;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function derToPem(bytes: Uint8Array): string {
  const lines = base64(bytes).match(/.{1,64}/g) ?? [];
  return ['-----BEGIN CERTIFICATE-----', ...lines, '-----END CERTIFICATE-----', ''].join('\n');
}

/** Main inspects and stores PEM text; a binary .cer/.crt file is armoured here first. */
export function certificateFileText(bytes: Uint8Array): string {
  return isDer(bytes) ? derToPem(bytes) : new TextDecoder().decode(bytes);
}
