// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretStepText, ServiceAccountStepText } from '../../renderer/features/access/plan/StepText';

afterEach(cleanup);

const LONG = 'regcred-registry-lab-internal-team-platform-builds';

describe('plan and result steps', () => {
  it('show a long Secret name cut in the middle with the full name kept, as the Status table does', () => {
    const { container } = render(<SecretStepText step={{ name: LONG, action: 'create' }} />);
    const name = container.querySelector('.host-text-cut');
    expect(name, 'the Secret name is the kit HostText, not a code span broken mid-word').not.toBeNull();
    expect(name?.querySelector('[title]')?.textContent).toBe('regcred-registry-lab…eam-platform-builds');
    expect(name?.textContent).toContain(LONG);
    expect(container.querySelector('code')).toBeNull();
  });

  it('show a short ServiceAccount name whole, in the same kit text', () => {
    const { container } = render(<ServiceAccountStepText step={{ name: 'default', action: 'add', references: [LONG] }} />);
    expect(container.querySelector('.host-text')?.textContent).toBe('default');
  });
});
