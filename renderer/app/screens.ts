import type { ComponentType } from 'react';
import type { MessageKey } from '../../shared/i18n';
import { AccessScreen } from '../access/AccessScreen';
import { DiagnosticsScreen } from '../diagnostics/DiagnosticsScreen';
import { RegistriesScreen } from '../registries/RegistriesScreen';

/** The app's top-level screens, in navigation order. Each capability adds its own entry here. */
export const SCREENS = [
  { id: 'registries', label: 'nav.registries', component: RegistriesScreen },
  { id: 'access', label: 'nav.access', component: AccessScreen },
  { id: 'diagnostics', label: 'nav.diagnostics', component: DiagnosticsScreen },
] as const satisfies readonly {
  id: string;
  label: MessageKey;
  component: ComponentType;
}[];

export type ScreenId = (typeof SCREENS)[number]['id'];
