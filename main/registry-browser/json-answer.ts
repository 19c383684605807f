import { AppFailure } from '../app-errors/app-failure';
import type { HttpAnswer } from '../registry-http/http-exchange';

/** A listing API's answer as a JSON object; anything else is a bad answer, named by its path. */
export function jsonObject(answer: HttpAnswer): Record<string, unknown> {
  try {
    const body = JSON.parse(answer.body) as unknown;
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // reported below, as any other answer that is not an object
  }
  throw new AppFailure('browse.badAnswer', { url: answer.url.pathname });
}
