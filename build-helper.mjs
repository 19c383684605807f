#!/usr/bin/env node
// Builds docker-credential-registry-desk for Node: `node build-helper.mjs [out folder]` (default
// out/credential-helper). The bundle keeps keytar (native), conf and the cloud SDKs as imports
// from node_modules, so the out folder must sit inside this checkout; everything else is inlined,
// because reading many small module files is what a cached `get` spends most of its start on.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'rolldown';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const outDir = resolve(process.argv[2] ?? resolve(root, 'out/credential-helper'));
const ENGLISH_ONLY = resolve(root, 'main/credential-helper/english-only-catalogue.ts');
await build({
  input: resolve(root, 'main/credential-helper/node-entry.ts'),
  platform: 'node',
  transform: { define: { REGISTRY_DESK_VERSION: JSON.stringify(version) } },
  external: ['keytar', 'conf', /^@aws-sdk\//, /^@smithy\//, 'google-auth-library', 'undici'],
  // The cloud SDKs above are imported only where a token is minted (helper-process.ts), never by a cached `get`.
  plugins: [
    {
      name: 'english-only',
      resolveId: (source, importer) => (source === './zh-CN' && importer?.endsWith(join('shared', 'i18n', 'index.ts')) ? ENGLISH_ONLY : null),
    },
  ],
  output: { dir: outDir, format: 'esm', entryFileNames: 'docker-credential-registry-desk.mjs', chunkFileNames: '[name]-[hash].mjs' },
  logLevel: 'warn',
});
