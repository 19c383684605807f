import type { Result } from '../../shared/errors';
import { CHANNELS, IPC_CONTRACT, type Channel } from '../../shared/ipc-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { Services } from '../composition';
import type { Logger } from '../logging/logger';
import { channelHandlers } from './channel-handlers';
import { fieldErrorsFromIssues } from './request-issues';

/** What a handler learns about the caller: Electron's IpcMainInvokeEvent has this shape. */
export interface IpcSenderEvent {
  senderFrame: { url: string } | null;
}

/** ipcMain in the app; a Map-backed stand-in in the browser harness. */
export interface IpcHandlerRegistry {
  handle(channel: string, listener: (event: IpcSenderEvent, request: unknown) => Promise<unknown>): void;
}

export interface IpcOptions {
  isTrustedSender(event: IpcSenderEvent): boolean;
  logger: Logger;
}

const failed = (failure: AppFailure): Result<never> => ({ ok: false, error: failure.appError });

/**
 * Registers a handler for every channel of the contract. Each checks the sender and validates the
 * request before any service runs, and answers with a Result: errors cross IPC as typed values.
 */
export function registerIpcHandlers(registry: IpcHandlerRegistry, services: Services, options: IpcOptions): void {
  const handlers = channelHandlers(services);
  for (const channel of CHANNELS) {
    registry.handle(channel, (event, request) => dispatch(channel, event, request));
  }

  async function dispatch(channel: Channel, event: IpcSenderEvent, request: unknown): Promise<Result<unknown>> {
    if (!options.isTrustedSender(event)) {
      options.logger.warn('ipc call refused: untrusted sender', { channel, sender: event.senderFrame?.url ?? null });
      return failed(new AppFailure('ipc.forbiddenSender'));
    }
    const parsed = IPC_CONTRACT[channel].request.safeParse(request);
    if (!parsed.success) {
      return failed(new AppFailure('ipc.invalidRequest', undefined, fieldErrorsFromIssues(parsed.error.issues)));
    }
    try {
      const handler = handlers[channel] as (valid: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppFailure) return failed(error);
      // Logged without the message: a parser's message can quote the request, secrets included.
      options.logger.error('ipc handler failed', {
        channel,
        error: error instanceof Error ? error.name : typeof error,
        at: error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('\n') : undefined,
      });
      return failed(new AppFailure('internal', { detail: 'see the log for details' }));
    }
  }
}
