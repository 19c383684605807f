import { errorText } from '../../shared/i18n';
import { AppFailure } from '../app-errors/app-failure';
import type { HelperActions } from './helper-actions';

/** docker, containers-image and helm compare this text exactly to tell "no login" from a failure. */
export const NOT_FOUND = 'credentials not found in native keychain';
export const HELPER_NAME = 'docker-credential-registry-desk';
/** A server URL or a login (a Google JSON key is a few KiB); anything larger is no request of theirs. */
export const STDIN_LIMIT = 256 * 1024;
/** How long stdin may stay open: a tool writes its request and closes it at once. */
export const STDIN_SECONDS = 10;

export interface HelperAnswer {
  stdout: string;
  exitCode: 0 | 1;
}

export interface HelperRequest {
  action: string | undefined;
  /** Reads stdin up to the limit; throws AppFailure helper.inputTooLarge past it. */
  readStdin(): Promise<string>;
  /** Opened only for an action that needs them (version and bad actions never touch the keychain). */
  actions(): Promise<HelperActions>;
  version: string;
}

/** Go's encoding/json, as docker's helpers print: <, > and & escaped, a newline after. */
const goJson = (value: unknown) =>
  `${JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;

/** One line a tool can show: the failure's own words and its field problems; never a stack, never input. */
export function failureLine(error: unknown): string {
  if (!(error instanceof AppFailure)) return `${HELPER_NAME}: unexpected failure (${error instanceof Error ? error.name : typeof error})`;
  const fields = (error.appError.fieldErrors ?? []).map((field) => `${field.field}: ${errorText('en', field.code, field.params)}`);
  return [error.message, ...fields].join(' ').replace(/\s+/g, ' ').trim();
}

const fail = (line: string): HelperAnswer => ({ stdout: `${line}\n`, exitCode: 1 });
const ok = (stdout = ''): HelperAnswer => ({ stdout, exitCode: 0 });

interface StoreInput {
  ServerURL?: unknown;
  Username?: unknown;
  Secret?: unknown;
}

function parseLogin(text: string): StoreInput {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as StoreInput;
  } catch {
    // The parser's message quotes the input, which holds the secret: only our own words go out.
  }
  throw new AppFailure('helper.inputNotJson');
}

async function run(request: HelperRequest, action: string): Promise<HelperAnswer> {
  const input = (await request.readStdin()).trim();
  if (action === 'get' || action === 'erase') {
    if (input === '') return fail('no credentials server URL');
    const actions = await request.actions();
    if (action === 'erase') return (await actions.erase(input), ok());
    const login = await actions.get(input);
    return login ? ok(goJson(login)) : fail(NOT_FOUND);
  }
  const login = parseLogin(input);
  if (typeof login.ServerURL !== 'string' || login.ServerURL.trim() === '') return fail('no credentials server URL');
  if (typeof login.Username !== 'string' || login.Username === '') return fail('no credentials username');
  if (typeof login.Secret !== 'string' || login.Secret === '') return fail('no credentials secret');
  await (await request.actions()).store({ serverKey: login.ServerURL.trim(), username: login.Username, secret: login.Secret });
  return ok();
}

/** One call of the helper, as docker-credential-helpers' `Serve` answers it: the answer on stdout, 0 or 1. */
export async function answerHelperRequest(request: HelperRequest): Promise<HelperAnswer> {
  const { action } = request;
  if (action === undefined) return fail(`Usage: ${HELPER_NAME} <store|get|erase|list|version>`);
  try {
    switch (action) {
      case 'version':
        return ok(`${HELPER_NAME} (Registry Desk) ${request.version}\n`);
      case 'list':
        return ok(goJson((await request.actions()).list()));
      case 'get':
      case 'erase':
      case 'store':
        return await run(request, action);
      default:
        return fail(`Unknown credential action \`${action.slice(0, 40)}\``);
    }
  } catch (error) {
    return fail(failureLine(error));
  }
}
