import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { PullAllowance, PullLimits as Limits } from '../../../shared/registry-browser-contract';
import { callApi } from '../../api/call-api';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { useBrowserStore } from './browser-store';

/** Hours with at most one decimal: Docker's window is 21600 s, "6 h". */
const hours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;

function Allowance({ allowance, who }: { allowance: PullAllowance; who: string }) {
  const { t } = useTranslation();
  const text =
    allowance.state === 'not-reported'
      ? t('browse.pullLimits.notReported', { status: allowance.status, who })
      : allowance.windowSeconds
        ? t('browse.pullLimits.reportedWindow', { remaining: allowance.remaining, limit: allowance.limit, hours: hours(allowance.windowSeconds), who })
        : t('browse.pullLimits.reported', { remaining: allowance.remaining, limit: allowance.limit, who });
  return <span data-testid="pull-limit">{text}</span>;
}

/**
 * Docker Hub's pulls left for the saved login and anonymously, checked when asked: main HEADs a
 * manifest, which the Hub does not count as a pull. Keyed by registry: another one starts empty.
 * An image read here (manifest GETs, pulls) reports the login's count after it, which replaces the
 * one shown: the check before the read is no longer true.
 */
export function PullLimits({ registryId }: { registryId: string }) {
  const { t } = useTranslation();
  /** The check's answer, with the read's count current when it came: a read after it reports a newer count. */
  const [checked, setChecked] = useState<{ limits: Limits; readBefore: PullAllowance | null } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const inFlight = useRef<AbortController | null>(null);
  const afterRead = useBrowserStore((state) => state.hubPullsAfterRead);
  const loginAfterRead = checked !== null && afterRead !== null && afterRead !== checked.readBefore;
  const limits = checked && (loginAfterRead ? { ...checked.limits, login: afterRead } : checked.limits);

  // Leaving (or choosing another registry, which mounts a new card) cancels the check in main.
  useEffect(() => () => inFlight.current?.abort(), []);

  async function check() {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setLoading(true);
    setError(null);
    const result = await callApi('browse:pull-limits', { registryId }, { signal: controller.signal });
    if (controller.signal.aborted) return;
    setLoading(false);
    if (result.ok) setChecked({ limits: result.value, readBefore: useBrowserStore.getState().hubPullsAfterRead });
    else setError(result.error);
  }

  return (
    <Card
      level={3}
      title={t('browse.pullLimits.title')}
      titleId="browse-pull-limits-title"
      testId="browse-pull-limits"
      actions={
        <Button small onClick={() => void check()} disabled={loading}>
          {t('browse.pullLimits.check')}
        </Button>
      }
    >
      {limits && (
        <>
          <p>
            <Allowance allowance={limits.login} who={t('browse.pullLimits.login')} />
            {' · '}
            <Allowance allowance={limits.anonymous} who={t('browse.pullLimits.anonymous')} />
          </p>
          <p className="muted">{t('browse.pullLimits.howChecked', { probe: limits.probe })}</p>
          {loginAfterRead && <p className="muted">{t('browse.pullLimits.afterRead')}</p>}
        </>
      )}
      <ProblemBanner problem={error} />
    </Card>
  );
}
