// The public face of main/diagnostics (About): other folders import only this file.
export { createDiagnostics, type ShellFacts } from './diagnostics';
