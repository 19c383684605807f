import { join } from 'node:path';
import type { SaveDialog } from '../../main/saved-files/saved-files';

/**
 * Stands in for the OS save dialog, which only the Electron shell can open: it "chooses" the
 * suggested file name in a folder of the test's, or cancels when told to. Requests are kept.
 */
export interface SaveDialogStandIn extends SaveDialog {
  requests: Parameters<SaveDialog['choosePath']>[0][];
  /** The next answers: a file name to save as (in the folder), or null for Cancel; empty means the suggested name. */
  answers: (string | null)[];
}

export function createSaveDialogStandIn(folder: string): SaveDialogStandIn {
  const standIn: SaveDialogStandIn = {
    requests: [],
    answers: [],
    async choosePath(request) {
      standIn.requests.push(request);
      const answer = standIn.answers.length > 0 ? standIn.answers.shift()! : request.defaultName;
      return answer === null ? null : join(folder, answer);
    },
    async chooseFolder() {
      const answer = standIn.answers.length > 0 ? standIn.answers.shift()! : '';
      return answer === null ? null : join(folder, answer);
    },
  };
  return standIn;
}
