import type { Result } from '../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc-contract';
import type { Services } from '../../main/composition';
import { registerIpcHandlers, type IpcSenderEvent } from '../../main/ipc/register';
import type { Logger } from '../../main/logging/logger';

export const TRUSTED_URL = 'app://registry-desk/index.html';

/** Calls the real IPC registration the way the preload does, from a trusted or a foreign frame. */
export function createIpcClient(services: Services, logger: Logger) {
  const handlers = new Map<string, (event: IpcSenderEvent, request: unknown, callId?: unknown) => Promise<unknown>>();
  const registration = registerIpcHandlers({ handle: (channel, listener) => handlers.set(channel, listener) }, services, {
    isTrustedSender: (event) => event.senderFrame?.url === TRUSTED_URL,
    logger,
  });
  return {
    channels: [...handlers.keys()],
    /** Untyped on purpose: tests send malformed requests too. `callId` as the preload sends it beside the request. */
    async call(channel: string, request: unknown, senderUrl = TRUSTED_URL, callId?: unknown): Promise<Result<unknown>> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return (await handler({ senderFrame: { url: senderUrl } }, request, callId)) as Result<unknown>;
    },
    async invoke<C extends Channel>(channel: C, request: RequestOf<C>, callId?: string): Promise<Result<ResponseOf<C>>> {
      return (await this.call(channel, request, TRUSTED_URL, callId)) as Result<ResponseOf<C>>;
    },
    /** Aborts whatever still runs, as quitting the app does. */
    dispose: () => registration.dispose(),
  };
}
