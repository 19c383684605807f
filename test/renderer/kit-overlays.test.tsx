// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionMenu } from '../../renderer/ui/ActionMenu';
import { DetailList, Drawer } from '../../renderer/ui/Drawer';

afterEach(cleanup);

function threeActions(selected: string[]) {
  return [
    { id: 'edit', label: 'Edit', onSelect: () => selected.push('edit') },
    { id: 'test', label: 'Test', onSelect: () => selected.push('test'), disabled: true },
    { id: 'delete', label: 'Delete', onSelect: () => selected.push('delete'), danger: true },
  ];
}

describe('ActionMenu', () => {
  it('opens on the first item, skips disabled items with the arrows, wraps, and runs the chosen action', async () => {
    const user = userEvent.setup();
    const selected: string[] = [];
    render(<ActionMenu label="More actions for hub" actions={threeActions(selected)} />);
    const button = screen.getByRole('button', { name: /More actions for hub/ });
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('menu')).toBeNull();

    button.focus();
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('menu').id).toBe(button.getAttribute('aria-controls'));
    expect(document.activeElement?.textContent).toBe('Edit');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Delete');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Edit');
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement?.textContent).toBe('Delete');
    expect((document.activeElement as HTMLElement).className).toContain('action-menu-danger');
    await user.keyboard('{Enter}');
    expect(selected).toEqual(['delete']);
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('closes on Escape back to its button without running anything, and on a click outside', async () => {
    const user = userEvent.setup();
    const selected: string[] = [];
    render(
      <>
        <ActionMenu label="More" actions={threeActions(selected)} />
        <p>elsewhere</p>
      </>,
    );
    const button = screen.getByRole('button', { name: /More/ });
    await user.click(button);
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Edit', 'Test', 'Delete']);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);

    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('menu')).toBeTruthy();
    await user.click(screen.getByText('elsewhere'));
    expect(screen.queryByRole('menu')).toBeNull();
    expect(selected).toEqual([]);
  });
});

function DrawerHost({ onClose }: { onClose: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Details of hub
      </button>
      {open && (
        <Drawer
          id="hub-drawer"
          title="hub"
          onClose={() => {
            onClose();
            setOpen(false);
          }}
          actions={<button type="button">Edit</button>}
        >
          <DetailList items={[{ key: 'host', term: 'Host', value: 'registry.lab:5000' }]} />
        </Drawer>
      )}
    </>
  );
}

describe('Drawer', () => {
  it('is a dialog named by its title, focuses its close button, keeps Tab inside and returns the focus on Escape', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<DrawerHost onClose={onClose} />);
    const opener = screen.getByRole('button', { name: 'Details of hub' });
    await user.click(opener);
    const drawer = screen.getByRole('dialog', { name: 'hub' });
    expect(drawer.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Close');
    expect(drawer.querySelector('[data-detail="host"] dd')?.textContent).toBe('registry.lab:5000');
    await user.keyboard('{Tab}');
    expect(document.activeElement?.textContent).toBe('Edit');
    await user.keyboard('{Tab}');
    expect(document.activeElement?.textContent).toBe('Close');
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes on its close button', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    render(<DrawerHost onClose={onClose} />);
    await user.click(screen.getByRole('button', { name: 'Details of hub' }));
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
