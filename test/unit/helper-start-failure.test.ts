import { expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { helperStartFailureLine } from '../../main/app-errors/helper-start-failure';

// The line both entries (Node and Electron helper mode) print when the helper cannot start.

it('is one line: a typed failure\'s message, else only the code or class, never a message that may hold a secret', () => {
  expect(helperStartFailureLine(new AppFailure('helper.inputTooLarge', { limit: 10 }))).toBe('docker-credential-registry-desk: could not start (The request on stdin is larger than 10 bytes.)\n');
  const denied = Object.assign(new Error('EACCES: permission denied, open /home/op/secret-token'), { code: 'EACCES' });
  expect(helperStartFailureLine(denied)).toBe('docker-credential-registry-desk: could not start (EACCES)\n');
  expect(helperStartFailureLine(new TypeError('password=hunter2\n    at x (y.js:1:1)'))).toBe('docker-credential-registry-desk: could not start (TypeError)\n');
  expect(helperStartFailureLine('thrown string')).toBe('docker-credential-registry-desk: could not start (unknown error)\n');
});
