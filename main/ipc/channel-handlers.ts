import type { z } from 'zod';
import type { Channel, IpcContract, ResponseOf } from '../../shared/ipc-contract';
import type { Services } from '../composition';

type ValidRequest<C extends Channel> = z.infer<IpcContract[C]['request']>;
export type ChannelHandlers = { [C in Channel]: (request: ValidRequest<C>) => Promise<ResponseOf<C>> };

/** Each channel of the contract mapped to the service call behind it; requests are already validated. */
export function channelHandlers(services: Services): ChannelHandlers {
  return {
    'registries:list': () => services.registries.list(),
    'registries:get': ({ id }) => services.registries.get(id),
    'registries:create': ({ input }) => services.registries.create(input),
    'registries:update': ({ id, input }) => services.registries.update(id, input),
    'registries:delete': ({ id }) => services.registries.remove(id),
    'registries:set-default': ({ id }) => services.registries.setDefault(id),
    'certificates:inspect': ({ pem }) => services.certificates.inspect(pem),
    'preferences:get': () => services.preferences.get(),
    'preferences:set': (preferences) => services.preferences.set(preferences),
    'keychain:status': () => services.keychain.status(),
  };
}
