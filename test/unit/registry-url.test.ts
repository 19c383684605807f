import { describe, expect, it } from 'vitest';
import { parseEcrHost, parseRegistryUrl } from '../../shared/registry-url';

describe('registry URLs', () => {
  it.each([
    ['docker.io', 'docker.io'],
    ['  Docker.IO/  ', 'docker.io'],
    ['https://harbor.example.com:8443/', 'https://harbor.example.com:8443'],
    ['http://127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['europe-west1-docker.pkg.dev/my-project', 'europe-west1-docker.pkg.dev/my-project'],
    ['[::1]:5000', '[::1]:5000'],
  ])('%s is normalised to %s', (input, expected) => {
    const parsed = parseRegistryUrl(input);
    expect(typeof parsed === 'string' ? parsed : parsed.normalized).toBe(expected);
  });

  it.each([
    ['https://123456789012.dkr.ecr.us-east-1.amazonaws.com', { accountId: '123456789012', region: 'us-east-1' }],
    ['123456789012.dkr.ecr.ap-southeast-2.amazonaws.com', { accountId: '123456789012', region: 'ap-southeast-2' }],
    ['123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', { accountId: '123456789012', region: 'cn-north-1' }],
    ['123456789012.dkr.ecr.us-gov-west-1.amazonaws.com', { accountId: '123456789012', region: 'us-gov-west-1' }],
    ['123456789012.dkr.ecr-fips.us-east-1.amazonaws.com', { accountId: '123456789012', region: 'us-east-1' }],
  ])('ECR %s yields account and region', (input, expected) => {
    const parsed = parseRegistryUrl(input);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parseEcrHost(parsed)).toEqual(expected);
  });

  it('is not fooled by a look-alike ECR host', () => {
    const parsed = parseRegistryUrl('123456789012.dkr.ecr.us-east-1.amazonaws.com.evil.example');
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parseEcrHost(parsed)).toBeNull();
  });
});
