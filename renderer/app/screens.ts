import type { ComponentType } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { AccessScreen } from '../features/access/AccessScreen';
import { DiagnosticsScreen } from '../features/diagnostics/DiagnosticsScreen';
import { ImportExportScreen } from '../features/import-export/ImportExportScreen';
import { PullDoctorScreen } from '../features/pull-doctor/PullDoctorScreen';
import { RadarScreen } from '../features/radar/RadarScreen';
import { RegistriesScreen } from '../features/registries/RegistriesScreen';
import { RegistryBrowserScreen } from '../features/registry-browser/RegistryBrowserScreen';
import { WorkstationToolsScreen } from '../features/workstation-tools/WorkstationToolsScreen';
import type { ScreenId } from '../data/screen-ids';

interface Screen {
  label: MessageKey;
  component: ComponentType;
  /** Listed at the foot of the sidebar, apart from the operator's work: the app's own settings. */
  last?: boolean;
}

/**
 * The app's top-level screens. A capability adds its id to screen-ids.ts (which also sets the
 * sidebar order) and its one-line entry here; the record type makes a missing or extra entry a type error.
 */
export const SCREENS: Record<ScreenId, Screen> = {
  registries: { label: 'nav.registries', component: RegistriesScreen },
  access: { label: 'nav.access', component: AccessScreen },
  'pull-doctor': { label: 'nav.pullDoctor', component: PullDoctorScreen },
  'registry-browser': { label: 'nav.browse', component: RegistryBrowserScreen },
  radar: { label: 'nav.radar', component: RadarScreen },
  diagnostics: { label: 'nav.diagnostics', component: DiagnosticsScreen, last: true },
  'import-export': { label: 'nav.importExport', component: ImportExportScreen },
  'workstation-tools': { label: 'nav.tools', component: WorkstationToolsScreen },
};
