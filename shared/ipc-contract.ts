import { z } from 'zod';
import { DIAGNOSTICS_CHANNELS } from './diagnostics-contract';
import { ACCESS_CHANNELS, ACCESS_EVENTS } from './access-contract';
import { CONNECTION_CHANNELS, CONNECTION_EVENTS } from './connection-contract';
import { IMPORT_EXPORT_CHANNELS } from './import-export-contract';
import { CLUSTER_SYNC_CHANNELS } from './cluster-sync-contract';
import { PULL_DOCTOR_CHANNELS } from './pull-doctor-contract';
import { RADAR_CHANNELS, RADAR_EVENTS } from './radar-contract';
import { PULL_LIMITS_CHANNELS, REGISTRY_BROWSER_CHANNELS, REGISTRY_BROWSER_EVENTS } from './registry-browser-contract';
import { TOOLS_CHANNELS } from './workstation-tools-contract';
import type { Result } from './errors';
import {
  CertificateSummarySchema,
  KeychainStatusSchema,
  PreferencesSchema,
  RegistryIdSchema,
  RegistryInputSchema,
  RegistryViewSchema,
} from './schemas';
import { KeepSecretForNewTargetSchema } from './secret-target';

const NoArguments = z.strictObject({});
const ById = z.strictObject({ id: RegistryIdSchema });

/**
 * Chosen by the window (crypto.randomUUID()) for a call it may cancel, and sent beside the request;
 * `ipc:cancel` with the same id aborts the call's signal in main. One mechanism for every channel.
 */
export const CallIdSchema = z.uuid();

/**
 * The one list of IPC channels. Main registers a handler for each, validates `request` before
 * any service runs and `response` before the reply leaves; the preload and renderer only import the types.
 */
export const IPC_CONTRACT = {
  'registries:list': { request: NoArguments, response: z.array(RegistryViewSchema) },
  'registries:get': { request: ById, response: RegistryViewSchema },
  'registries:create': { request: z.strictObject({ input: RegistryInputSchema }), response: RegistryViewSchema },
  'registries:update': {
    /** `keepSecretForNewTarget`: see shared/secret-target.ts; without it a re-pointed registry loses its stored secret. */
    request: z.strictObject({ id: RegistryIdSchema, input: RegistryInputSchema, keepSecretForNewTarget: KeepSecretForNewTargetSchema }),
    response: RegistryViewSchema,
  },
  'registries:delete': { request: ById, response: z.strictObject({ id: RegistryIdSchema }) },
  'registries:set-default': { request: ById, response: z.array(RegistryViewSchema) },
  /** Aborts the call with this id if it still runs; false when it has finished or never started. */
  'ipc:cancel': { request: z.strictObject({ callId: CallIdSchema }), response: z.strictObject({ cancelled: z.boolean() }) },
  'certificates:inspect': {
    request: z.strictObject({ pem: z.string().max(1024 * 1024) }),
    response: z.array(CertificateSummarySchema),
  },
  'preferences:get': { request: NoArguments, response: PreferencesSchema },
  'preferences:set': { request: PreferencesSchema, response: PreferencesSchema },
  'keychain:status': { request: NoArguments, response: KeychainStatusSchema },
  ...ACCESS_CHANNELS,
  ...DIAGNOSTICS_CHANNELS,
  ...CONNECTION_CHANNELS,
  ...IMPORT_EXPORT_CHANNELS,
  ...CLUSTER_SYNC_CHANNELS,
  ...PULL_DOCTOR_CHANNELS,
  ...RADAR_CHANNELS,
  ...REGISTRY_BROWSER_CHANNELS,
  ...PULL_LIMITS_CHANNELS,
  ...TOOLS_CHANNELS,
} as const;

export type IpcContract = typeof IPC_CONTRACT;
export type Channel = keyof IpcContract;
export const CHANNELS = Object.keys(IPC_CONTRACT) as Channel[];
export type RequestOf<C extends Channel> = z.input<IpcContract[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<IpcContract[C]['response']>;

/**
 * Events main pushes to the window (progress of long work). Names start with `event:` so the
 * preload can tell them from request channels; payloads are validated by main before sending.
 */
export const EVENT_CONTRACT = { ...ACCESS_EVENTS, ...CONNECTION_EVENTS, ...RADAR_EVENTS, ...REGISTRY_BROWSER_EVENTS } as const satisfies Record<`event:${string}`, z.ZodType>;

export type EventContract = typeof EVENT_CONTRACT;
export type EventName = keyof EventContract;
export type EventOf<E extends EventName> = z.infer<EventContract[E]>;

/** The one object the preload exposes as `window.api` (and the browser harness reproduces). */
export interface RegistryDeskApi {
  /** With a `callId` (see CallIdSchema) the call can be cancelled through `ipc:cancel`. */
  invoke<C extends Channel>(channel: C, request: RequestOf<C>, callId?: string): Promise<Result<ResponseOf<C>>>;
  /** Listens to one event from main; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
}
