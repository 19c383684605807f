// metav1.Status bodies with the reasons, codes and message formats of a real kube-apiserver
// (k8s.io/apimachinery/pkg/api/errors), so clients branch on them exactly as against a cluster.

export interface FieldError {
  type: 'FieldValueInvalid' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueTooLong' | 'FieldValueNotSupported';
  field: string;
  /** What follows "field: " in the message, e.g. `Invalid value: "x": detail`. */
  body: string;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: { reason?: string; message: string; field?: string }[]; retryAfterSeconds?: number };
  code: number;
}

/** An API error a handler throws; the server writes it as a Status body. */
export class KubeStatusError extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message);
  }
}

function failure(code: number, reason: string, message: string, details?: StatusBody['details']): KubeStatusError {
  const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  // Go's omitempty: empty names and kinds are left out of the details.
  if (details) body.details = Object.fromEntries(Object.entries(details).filter(([, value]) => value !== '')) as StatusBody['details'];
  return new KubeStatusError(body);
}

const qualified = (resource: string, name: string): string => (name ? `${resource} "${name}"` : resource);

export const notFound = (resource: string, name: string): KubeStatusError =>
  failure(404, 'NotFound', `${qualified(resource, name)} not found`, { name, kind: resource });

export const alreadyExists = (resource: string, name: string): KubeStatusError =>
  failure(409, 'AlreadyExists', `${qualified(resource, name)} already exists`, { name, kind: resource });

export const conflict = (resource: string, name: string, why: string): KubeStatusError =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, name)}: ${why}`, { name, kind: resource });

export const MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export function invalid(kind: string, name: string, errors: FieldError[]): KubeStatusError {
  const texts = errors.map((error) => `${error.field}: ${error.body}`);
  const aggregate = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const causes = errors.map((error) => ({ reason: error.type, message: error.body, field: error.field }));
  const subject = kind ? `${kind} "${name}"` : ` "${name}"`;
  return failure(422, 'Invalid', `${subject} is invalid: ${aggregate}`, { name, kind, causes });
}

/** The 422 a JSON Patch that cannot be applied gets (NewGenericServerResponse in the patch handler). */
export const unprocessablePatch = (): KubeStatusError =>
  failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {});

export const badRequest = (message: string): KubeStatusError => failure(400, 'BadRequest', message);

export function forbidden(resource: string, name: string, why: string, causes?: { reason: string; message: string; field: string }[]): KubeStatusError {
  const subject = resource ? `${qualified(resource, name)} is forbidden` : 'forbidden';
  return failure(403, 'Forbidden', `${subject}: ${why}`, { name, kind: resource, ...(causes ? { causes } : {}) });
}

export const unauthorized = (): KubeStatusError => failure(401, 'Unauthorized', 'Unauthorized');

export const unsupportedMediaType = (accepted: string[]): KubeStatusError =>
  failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);

export const notAcceptable = (accepted: string[]): KubeStatusError =>
  failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);

export const methodNotAllowed = (): KubeStatusError =>
  failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');

export const pathNotFound = (): KubeStatusError => failure(404, 'NotFound', 'the server could not find the requested resource');

export const entityTooLarge = (limit: number): KubeStatusError =>
  failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

export const internalError = (why: string): KubeStatusError =>
  failure(500, 'InternalError', `Internal error occurred: ${why}`, { causes: [{ message: why }] });

export const serviceUnavailable = (): KubeStatusError =>
  failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');

export const invalidValue = (field: string, value: unknown, detail: string): FieldError => ({
  type: 'FieldValueInvalid',
  field,
  body: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
});

export const requiredValue = (field: string, detail = ''): FieldError => ({
  type: 'FieldValueRequired',
  field,
  body: detail ? `Required value: ${detail}` : 'Required value',
});

export const forbiddenValue = (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, body: `Forbidden: ${detail}` });

export const tooLong = (field: string, max: number): FieldError => ({ type: 'FieldValueTooLong', field, body: `Too long: must have at most ${max} bytes` });
