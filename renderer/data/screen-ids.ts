/**
 * The ids of the app's top-level screens, apart from the screen list (screens.ts) so that the
 * stores screens use can navigate without importing every screen component.
 */
export const SCREEN_IDS = ['registries', 'access', 'pull-doctor', 'radar', 'registry-browser', 'import-export', 'diagnostics', 'workstation-tools'] as const;

export type ScreenId = (typeof SCREEN_IDS)[number];
