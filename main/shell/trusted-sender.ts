import { isSameOrigin } from './renderer-location';

/** What the shell knows about the frame behind an IPC call. */
export interface SenderFacts {
  /** The call came from the web contents of our one window. */
  fromOwnWindow: boolean;
  /** …and from its top frame, not an iframe inside it. */
  fromMainFrame: boolean;
  /** The frame's current URL; undefined once the frame is gone. */
  url: string | undefined;
}

/** Only our own document in our own window may call main: everything else is refused. */
export function isTrustedSender(facts: SenderFacts, rendererUrl: string): boolean {
  return facts.fromOwnWindow && facts.fromMainFrame && isSameOrigin(facts.url, rendererUrl);
}
