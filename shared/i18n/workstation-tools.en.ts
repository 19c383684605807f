/** The credential helper's answers and the "Use in docker, podman, helm" screen (`tools.*`). */
export const workstationToolsEnMessages = {} as const;

export const workstationToolsEnErrors = {
  'helper.tokenLogin': '{server} was given a short-lived token: Registry Desk mints its own tokens. Add the registry in Registry Desk with its access keys or JSON key.',
  'helper.badServerUrl': '{server} is not a registry address: {reason}',
  'helper.pathInServerUrl': '{server} names a path: a credential helper is asked for a registry host only.',
  'helper.notAddedByLogin': '{name} ({server}) was added in Registry Desk, not by docker login: docker logout leaves it. Remove it in Registry Desk.',
  'helper.hasAccessSettings': '{name} ({server}) has access settings in clusters: remove them in Registry Desk before deleting it.',
  'helper.expiredToken': 'The token minted for {server} was already expired ({expiresAt}): check this computer\'s clock.',
  'helper.inputTooLarge': 'The request on stdin is larger than {limit} bytes.',
  'tools.configNotJson': '{path} is not valid JSON: Registry Desk leaves it as it is.',
  'tools.configShape': '{path} is not a docker-format config (credHelpers and auths must be objects): Registry Desk leaves it as it is.',
  'tools.configUnreadable': '{path} cannot be read ({detail}).',
  'tools.configChanged': '{path} changed since it was read: look at the preview again.',
  'tools.configReadOnly': '{path} is read-only: Registry Desk leaves it as it is.',
  'helper.inputTimedOut': 'No request arrived on stdin within {seconds} s.',
  'helper.inputNotJson': 'The login on stdin is not JSON with ServerURL, Username and Secret.',
} as const;
