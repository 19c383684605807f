// The public face of main/diagnostics (About): other folders import only this file.
export { createDiagnostics, type DiagnosticsDependencies, type ShellFacts } from './diagnostics';
