import { describe, expect, it } from 'vitest';
import type { RegistryView } from '../../shared/schemas';
import { locateImage } from '../../renderer/features/registry-browser/image-location';

const view = (id: string, url: string, type: RegistryView['type'] = 'other') => ({ id, url, type, name: id }) as unknown as RegistryView;
const saved = [view('hub', 'docker.io', 'docker'), view('team', 'https://registry.example:5000'), view('ecr', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'ecr')];

describe('where the pull doctor’s image opens in the browser', () => {
  it('opens the saved registry serving the host, at the repository and the tag or digest', () => {
    expect(locateImage('docker.io/library/nginx:latest', saved)).toEqual({ target: { registryId: 'hub', repository: 'library/nginx', reference: 'latest' } });
    expect(locateImage(`registry.example:5000/team/app@sha256:${'a'.repeat(64)}`, saved)).toEqual({ target: { registryId: 'team', repository: 'team/app', reference: `sha256:${'a'.repeat(64)}` } });
    expect(locateImage(`registry.example:5000/team/app:1@sha256:${'b'.repeat(64)}`, saved)).toEqual({ target: { registryId: 'team', repository: 'team/app', reference: `sha256:${'b'.repeat(64)}` } });
    expect(locateImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/svc/api:v2', saved)).toEqual({ target: { registryId: 'ecr', repository: 'svc/api', reference: 'v2' } });
  });

  it('names the host when no saved registry serves it (a port is part of the host)', () => {
    expect(locateImage('registry.example/team/app:1', saved)).toEqual({ host: 'registry.example' });
    expect(locateImage('ghcr.io/org/tool:1', saved)).toEqual({ host: 'ghcr.io' });
  });
});
