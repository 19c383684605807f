import type { z } from 'zod';
import type { Result } from '../../shared/errors';
import { CallIdSchema, CHANNELS, IPC_CONTRACT, type Channel } from '../../shared/ipc-contract';
import { firstIssuePath } from '../../shared/issue-path';
import { SecretKindSchema } from '../../shared/registry-types';
import { AppFailure } from '../app-errors/app-failure';
import { fieldErrorsFromIssues } from '../app-errors/request-issues';
import type { Services } from '../composition';
import type { Disposable } from '../lifecycle/disposables';
import type { Logger } from '../logging/logger';
import { createCallsInFlight } from './calls-in-flight';
import { channelHandlers } from './channel-handlers';

/** What a handler learns about the caller at the least: Electron's IpcMainInvokeEvent has this shape. */
export interface IpcSenderEvent {
  senderFrame: { url: string } | null;
}

/** ipcMain in the app; a Map-backed stand-in in the browser harness and the tests. */
export interface IpcHandlerRegistry<E extends IpcSenderEvent = IpcSenderEvent> {
  /** `callId`: what the window sent beside the request, unchecked (see CallIdSchema). */
  handle(channel: string, listener: (event: E, request: unknown, callId?: unknown) => Promise<unknown>): void;
}

export interface IpcOptions<E extends IpcSenderEvent = IpcSenderEvent> {
  /** Gets the registry's own event type, so the shell can check the frame itself, not only its URL. */
  isTrustedSender(event: E): boolean;
  logger: Logger;
}

const failed = (failure: AppFailure): Result<never> => ({ ok: false, error: failure.appError });
const SECRET_FIELDS: ReadonlySet<string> = new Set(SecretKindSchema.options);

/** Secrets that arrive in a request (a draft being tested, say) are redacted even if never stored. */
function secretsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) =>
    SECRET_FIELDS.has(key) && typeof field === 'string' ? [field] : secretsIn(field),
  );
}

/**
 * Own `__proto__` keys anywhere in a request, as unknown-key issues. Structured clone and
 * JSON.parse create them as plain keys; zod's records drop them silently, so they are refused
 * here, for every schema.
 */
function prototypeKeyIssues(request: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, path: string[]) => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of Object.keys(value)) {
      if (key === '__proto__') issues.push({ code: 'unrecognized_keys', keys: [key], path, message: 'prototype key' });
      else visit((value as Record<string, unknown>)[key], [...path, key]);
    }
  };
  visit(request, []);
  return issues;
}

type Handler = (valid: unknown, signal: AbortSignal) => Promise<unknown>;

/**
 * Registers a handler for every channel of the contract. Each checks the sender and validates the
 * request before any service runs, and answers with a Result: errors cross IPC as typed values.
 * A reply is checked against its schema as it leaves, so the window never gets one that breaks the contract.
 * Every call gets an AbortSignal; a call the window sent with an id aborts on `ipc:cancel`, and
 * disposing aborts whatever still runs (the app is quitting).
 */
export function registerIpcHandlers<E extends IpcSenderEvent>(
  registry: IpcHandlerRegistry<E>,
  services: Services,
  options: IpcOptions<E>,
): Disposable {
  const handlers = channelHandlers(services);
  const calls = createCallsInFlight();
  const cancel: Handler = async (valid) => ({ cancelled: calls.cancel((valid as { callId: string }).callId) });
  const handlerOf = (channel: Channel): Handler => (channel === 'ipc:cancel' ? cancel : (handlers[channel] as Handler));
  for (const channel of CHANNELS) {
    // Fails at start-up, not at the first call, when the contract names a channel nothing serves.
    if (typeof handlerOf(channel) !== 'function') throw new Error(`No handler for IPC channel ${channel}`);
    registry.handle(channel, (event, request, callId) => dispatch(channel, event, request, callId));
  }

  async function run(channel: Channel, valid: unknown, callId: string | undefined): Promise<Result<unknown>> {
    const call = calls.begin(callId);
    try {
      return checkedReply(channel, await handlerOf(channel)(valid, call.signal));
    } catch (error) {
      // Whatever fails once the window cancelled fails because it cancelled.
      if (call.signal.aborted) return failed(new AppFailure('ipc.cancelled'));
      if (error instanceof AppFailure) return failed(error);
      // Logged without the message: a parser's message can quote the request, secrets included.
      options.logger.error('ipc handler failed', {
        channel,
        error: error instanceof Error ? error.name : typeof error,
        at: error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('\n') : undefined,
      });
      return failed(new AppFailure('internal', { detail: 'see the log for details' }));
    } finally {
      call.end();
    }
  }

  /**
   * The reply as its schema reads it (keys the schema does not name are left behind), parsed once
   * here, the one place every reply passes. One that fails is withheld: it is a defect of main, and
   * the window gets a typed error naming the channel and the place, never the value (it may be a secret).
   */
  function checkedReply(channel: Channel, value: unknown): Result<unknown> {
    const parsed = IPC_CONTRACT[channel].response.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data };
    const path = firstIssuePath(parsed.error.issues);
    options.logger.error('ipc reply withheld: it does not match its schema', { channel, path, issue: parsed.error.issues[0]?.code });
    return failed(new AppFailure('ipc.invalidReply', { channel, path }));
  }

  async function dispatch(channel: Channel, event: E, request: unknown, callId: unknown): Promise<Result<unknown>> {
    if (!options.isTrustedSender(event)) {
      options.logger.warn('ipc call refused: untrusted sender', { channel, sender: event.senderFrame?.url ?? null });
      return failed(new AppFailure('ipc.forbiddenSender'));
    }
    const prototypeKeys = prototypeKeyIssues(request);
    if (prototypeKeys.length > 0) return failed(new AppFailure('ipc.invalidRequest', undefined, fieldErrorsFromIssues(prototypeKeys)));
    const parsed = IPC_CONTRACT[channel].request.safeParse(request);
    if (!parsed.success) {
      return failed(new AppFailure('ipc.invalidRequest', undefined, fieldErrorsFromIssues(parsed.error.issues)));
    }
    const id = CallIdSchema.optional().safeParse(callId);
    if (!id.success || (id.data !== undefined && calls.isInUse(id.data))) {
      return failed(new AppFailure('ipc.invalidRequest', undefined, [{ field: 'callId', code: 'field.invalidType' }]));
    }
    for (const secret of secretsIn(parsed.data)) services.redactor.remember(secret);
    return run(channel, parsed.data, id.data);
  }

  return calls;
}
