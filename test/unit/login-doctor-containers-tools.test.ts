import { expect, it } from 'vitest';
import { readsAuthFileAlone } from '../../main/credential-helper/containers-tools';

// The `--version` lines of the real tools (Debian 12's, and the first releases on c/image 5.24):
// a wrong cut-off would make the doctor name a REGISTRY_AUTH_FILE alone where the tool reads on.
it('tells from each tool\'s version whether it reads REGISTRY_AUTH_FILE alone', () => {
  expect(readsAuthFileAlone('skopeo', 'skopeo version 1.9.3\n')).toBe(false);
  expect(readsAuthFileAlone('skopeo', 'skopeo version 1.10.1\n')).toBe(false);
  expect(readsAuthFileAlone('skopeo', 'skopeo version 1.11.0\n')).toBe(true);
  expect(readsAuthFileAlone('skopeo', 'skopeo version 2.0.0\n')).toBe(true);
  expect(readsAuthFileAlone('podman', 'podman version 4.3.1\n')).toBe(false);
  expect(readsAuthFileAlone('podman', 'podman version 4.4.0\n')).toBe(true);
  expect(readsAuthFileAlone('podman', 'podman version 5.0.0\n')).toBe(true);
  expect(readsAuthFileAlone('buildah', 'buildah version 1.28.2 (image-spec 1.1.0-rc2, runtime-spec 1.0.2-dev)\n')).toBe(false);
  expect(readsAuthFileAlone('buildah', 'buildah version 1.29.0 (image-spec 1.1.0, runtime-spec 1.1.0)\n')).toBe(true);
  expect(readsAuthFileAlone('podman', 'unknown flag: --version')).toBeNull();
});
