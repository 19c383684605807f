import { z } from 'zod';
import { AppErrorSchema } from './errors';
import { RegistryIdSchema, RegistryInputSchema } from './schemas';
import { KeepSecretForNewTargetSchema } from './secret-target';

/** The steps of a registry login, in the order they run; a failed test names the one that failed. */
export const ConnectionStepSchema = z.enum(['dns', 'connect', 'tls', 'registry', 'token', 'credentials', 'aws', 'google-key']);
export type ConnectionStep = z.infer<typeof ConnectionStepSchema>;

/** What the operator can do about a failure; each is the message `connection.hint.<hint>`. */
export const ConnectionHintSchema = z.enum([
  'dns',
  'refused',
  'timeout',
  'untrustedSecure',
  'untrustedWithCa',
  /** Untrusted by the app, but the OS trust store holds the certificate's issuer. */
  'untrustedOsTrusts',
  'expired',
  'hostMismatch',
  'handshake',
  'notRegistry',
  'credentials',
  'quayRobot',
  'googleUsername',
  'tokenService',
  'awsKey',
  'awsPolicy',
  'awsRegion',
  'awsChain',
  'googleKey',
  'storedSecret',
]);
export type ConnectionHint = z.infer<typeof ConnectionHintSchema>;

/**
 * OpenSSL's reasons for refusing a certificate that the app says in the operator's language: a TLS
 * failure's `reason` param, each the message `connection.tlsReason.<reason>`; its raw text stays in `detail`.
 */
export const TlsReasonSchema = z.enum(['firstCertificate', 'selfSigned', 'selfSignedInChain', 'expired', 'hostMismatch', 'localIssuer']);
export type TlsReason = z.infer<typeof TlsReasonSchema>;

/** Facts worth a warning even when the login works; each is the message `connection.warning.<warning>`. */
export const ConnectionWarningSchema = z.enum(['insecure', 'plainHttp', 'anonymous']);
export type ConnectionWarning = z.infer<typeof ConnectionWarningSchema>;

export const LoginSchemeSchema = z.enum(['none', 'basic', 'bearer']);
export type LoginScheme = z.infer<typeof LoginSchemeSchema>;

/** One test's verdict. It never carries a secret: only steps, codes, counts and the endpoint. */
export const ConnectionResultSchema = z.object({
  /** Absent for a form's unsaved values. */
  registryId: RegistryIdSchema.optional(),
  ok: z.boolean(),
  /** The step that failed (absent on success). */
  step: ConnectionStepSchema.optional(),
  error: AppErrorSchema.optional(),
  hint: ConnectionHintSchema.optional(),
  /** How the registry accepted the login. */
  auth: LoginSchemeSchema.optional(),
  /** HTTP requests sent to the registry and its token service. */
  roundTrips: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  /** The registry API address tested, e.g. https://registry-1.docker.io/v2/. */
  endpoint: z.string(),
  warnings: z.array(ConnectionWarningSchema),
  /** When the ECR password used for the test stops working. */
  tokenExpiresAt: z.string().optional(),
  testedAt: z.string(),
});
export type ConnectionResult = z.infer<typeof ConnectionResultSchema>;

/** Chosen by the window so it can match the progress of a test to the test. */
export const TestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const NoArguments = z.strictObject({});

export const CONNECTION_CHANNELS = {
  /** The form's values as typed, before saving; with `id`, blank secrets mean the stored ones where a save would keep them. */
  'connection:test-draft': {
    request: z.strictObject({ input: RegistryInputSchema, id: RegistryIdSchema.optional(), testId: TestIdSchema, keepSecretForNewTarget: KeepSecretForNewTargetSchema }),
    response: ConnectionResultSchema,
  },
  'connection:test-registry': {
    request: z.strictObject({ id: RegistryIdSchema, testId: TestIdSchema }),
    response: ConnectionResultSchema,
  },
  /** Every saved registry at once; progress arrives as `event:connection-progress`. */
  'connection:test-all': { request: z.strictObject({ testId: TestIdSchema }), response: z.array(ConnectionResultSchema) },
  /** The last result of each saved registry, tested since the app started. */
  'connection:last-results': { request: NoArguments, response: z.array(ConnectionResultSchema) },
} as const;

export const CONNECTION_EVENTS = {
  'event:connection-progress': z.object({
    testId: TestIdSchema,
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    result: ConnectionResultSchema,
  }),
} as const;
