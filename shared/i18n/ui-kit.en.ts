/** The shared components' own words (copy, file picker, times, navigation back path): English. */
export const uiKitEnMessages = {
  'kit.copy': 'Copy',
  'kit.copyLabel': 'Copy {what}',
  'kit.copied': 'Copied',
  'kit.copyFailed': 'Copy failed: select the text and copy it yourself',
  'kit.chooseFile': 'Choose a file…',
  'kit.chosenFile': 'Chosen: {name}',
  'kit.fullValue': 'Full value: {value}',
  'kit.command': 'command',
  'nav.back': 'Back to {screen}',
  'nav.cameFrom': 'You came from here',
  'kit.close': 'Close',
} as const;
