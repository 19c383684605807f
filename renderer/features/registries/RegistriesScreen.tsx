import { useEditorStore } from './editor-store';
import { DeleteDialog } from './DeleteDialog';
import { RegistryForm } from './RegistryForm';
import { RegistryList } from './RegistryList';

export function RegistriesScreen() {
  const editing = useEditorStore((state) => state.mode.kind !== 'closed');
  return (
    <>
      {editing ? <RegistryForm /> : <RegistryList />}
      <DeleteDialog />
    </>
  );
}
