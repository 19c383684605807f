// The public face of main/credential-helper (docker-credential-registry-desk and the workstation's tool configs).
export { runCredentialHelper, type HelperProcessOptions } from './helper-process';
export { applyConfigSwitch, HELPER_SUFFIX, planConfigSwitch, undoConfigSwitch, type ConfigSwitchPlan } from './tool-config-switch';
export { createWorkstationTools, type WorkstationTools } from './workstation-tools';
export { helperCommandFor, type LauncherPlace } from './helper-launcher';
export { createDoctorService } from './doctor-service';
export { UNDO_FILE_NAME } from './undo-record';
