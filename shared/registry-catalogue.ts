import type { ConnectionMode, EcrAuthType, RegistryType, SecretKind } from './registry-types';
import type { MessageKey } from './i18n/en';

/** A form field of the registry editor; `key` is also the property name in RegistryInput. */
export type FieldKey =
  | 'authType'
  | 'accessKeyId'
  | 'secretAccessKey'
  | 'username'
  | 'password'
  | 'serviceAccountJson'
  | 'connection'
  | 'caCertificate';

export interface FieldSpec {
  key: FieldKey;
  control: 'text' | 'secret' | 'choice' | 'service-account-json' | 'ca-certificate';
  label: MessageKey;
  hint?: MessageKey;
  /** Shown (and required) only when another field has one of these values. */
  when?: { field: 'authType'; is: EcrAuthType } | { field: 'connection'; is: ConnectionMode };
  choices?: { value: string; label: MessageKey; hint?: MessageKey }[];
  defaultValue?: string;
  secret?: SecretKind;
}

export interface RegistryTypeSpec {
  type: RegistryType;
  label: MessageKey;
  description: MessageKey;
  urlLabel: MessageKey;
  urlPlaceholder: string;
  /** Pre-filled for types with one well-known public registry. */
  defaultUrl: string;
  fields: FieldSpec[];
}

const username: FieldSpec = { key: 'username', control: 'text', label: 'field.username' };
const passwordOrToken: FieldSpec = {
  key: 'password',
  control: 'secret',
  label: 'field.passwordOrToken',
  secret: 'password',
};
const googleUsername: FieldSpec = {
  ...username,
  hint: 'hint.googleUsername',
  defaultValue: '_json_key',
};
const serviceAccountJson: FieldSpec = {
  key: 'serviceAccountJson',
  control: 'service-account-json',
  label: 'field.serviceAccountJson',
  hint: 'hint.serviceAccountJson',
  secret: 'serviceAccountJson',
};

export const REGISTRY_CATALOGUE: readonly RegistryTypeSpec[] = [
  {
    type: 'ecr',
    label: 'type.ecr',
    description: 'typeDescription.ecr',
    urlLabel: 'field.registryUrl',
    urlPlaceholder: 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com',
    defaultUrl: '',
    fields: [
      {
        key: 'authType',
        control: 'choice',
        label: 'field.authType',
        defaultValue: 'iam-role',
        choices: [
          { value: 'iam-role', label: 'authType.iamRole', hint: 'hint.iamRole' },
          { value: 'user-auth', label: 'authType.userAuth', hint: 'hint.userAuth' },
        ],
      },
      { key: 'accessKeyId', control: 'text', label: 'field.accessKeyId', when: { field: 'authType', is: 'user-auth' } },
      {
        key: 'secretAccessKey',
        control: 'secret',
        label: 'field.secretAccessKey',
        when: { field: 'authType', is: 'user-auth' },
        secret: 'secretAccessKey',
      },
    ],
  },
  {
    type: 'docker',
    label: 'type.docker',
    description: 'typeDescription.docker',
    urlLabel: 'field.registryUrl',
    urlPlaceholder: 'docker.io',
    defaultUrl: 'docker.io',
    fields: [username, { ...passwordOrToken, hint: 'hint.dockerToken' }],
  },
  {
    type: 'azure',
    label: 'type.azure',
    description: 'typeDescription.azure',
    urlLabel: 'field.loginServer',
    urlPlaceholder: 'xxx.azurecr.io',
    defaultUrl: '',
    fields: [
      { ...username, label: 'field.usernameOrRegistryName' },
      { ...passwordOrToken, label: 'field.password' },
    ],
  },
  {
    type: 'artifact-registry',
    label: 'type.artifact-registry',
    description: 'typeDescription.artifact-registry',
    urlLabel: 'field.registryUrl',
    urlPlaceholder: 'region-docker.pkg.dev',
    defaultUrl: '',
    fields: [googleUsername, serviceAccountJson],
  },
  {
    type: 'gcr',
    label: 'type.gcr',
    description: 'typeDescription.gcr',
    urlLabel: 'field.registryUrl',
    urlPlaceholder: 'gcr.io',
    defaultUrl: 'gcr.io',
    fields: [googleUsername, serviceAccountJson],
  },
  {
    type: 'quay',
    label: 'type.quay',
    description: 'typeDescription.quay',
    urlLabel: 'field.registryUrl',
    urlPlaceholder: 'quay.io',
    defaultUrl: 'quay.io',
    fields: [{ ...username, hint: 'hint.quayRobot' }, passwordOrToken],
  },
  {
    type: 'other',
    label: 'type.other',
    description: 'typeDescription.other',
    urlLabel: 'field.registryUrl',
    urlPlaceholder: 'registry.example.com:5000',
    defaultUrl: '',
    fields: [
      username,
      passwordOrToken,
      {
        key: 'connection',
        control: 'choice',
        label: 'field.connection',
        defaultValue: 'secure',
        hint: 'hint.connectionNodes',
        choices: [
          { value: 'secure', label: 'connection.secure', hint: 'hint.connectionSecure' },
          { value: 'secure-with-ca', label: 'connection.secureWithCa', hint: 'hint.connectionSecureWithCa' },
          { value: 'insecure', label: 'connection.insecure', hint: 'hint.connectionInsecure' },
        ],
      },
      {
        key: 'caCertificate',
        control: 'ca-certificate',
        label: 'field.caCertificate',
        hint: 'hint.caCertificate',
        when: { field: 'connection', is: 'secure-with-ca' },
      },
    ],
  },
];

export function registryTypeSpec(type: RegistryType): RegistryTypeSpec {
  const spec = REGISTRY_CATALOGUE.find((entry) => entry.type === type);
  if (!spec) throw new Error(`No catalogue entry for registry type ${type}`);
  return spec;
}
