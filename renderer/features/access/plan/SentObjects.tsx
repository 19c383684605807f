import { useEffect, useState } from 'react';
import { SECRET_DATA_PLACEHOLDER, type SentObject } from '../../../../shared/access-contract';
import type { AppError } from '../../../../shared/errors';
import { callApi } from '../../../api/call-api';
import { useTranslation } from '../../../i18n/useTranslation';
import { CommandBlock } from '../../../ui/CommandBlock';
import { ProblemBanner } from '../../../ui/ProblemBanner';

const METHOD: Record<SentObject['request'], string> = { create: 'POST', replace: 'PUT', 'merge-patch': 'PATCH', delete: 'DELETE' };

interface SentObjectsProps {
  planId: string;
  context: string;
  namespace: string;
}

/** What apply will send to one namespace, asked of main when opened: secret data arrives as a placeholder. */
export function SentObjects({ planId, context, namespace }: SentObjectsProps) {
  const { t } = useTranslation();
  const [objects, setObjects] = useState<SentObject[] | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let current = true;
    void callApi('access:preview-objects', { planId, context, namespace }).then((result) => {
      if (!current) return;
      if (result.ok) setObjects(result.value.objects);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [planId, context, namespace]);

  if (error) return <ProblemBanner problem={error} />;
  if (!objects) return <p className="muted" role="status">{t('plan.sentLoading')}</p>;
  if (objects.length === 0) return <p className="muted">{t('plan.sentNothing')}</p>;
  return (
    <div className="sent-objects" data-testid="sent-objects">
      {objects.some((object) => object.kind === 'Secret' && object.request !== 'delete') && <p className="detail">{t('plan.sentPlaceholder')}</p>}
      {objects.map((object, index) => (
        <div key={index} className="sent-object" data-testid="sent-object" data-kind={object.kind} data-request={object.request}>
          <p className="mono sent-request">
            {METHOD[object.request]} {object.path}
          </p>
          <CommandBlock command={object.body.replaceAll(SECRET_DATA_PLACEHOLDER, t('plan.sentPlaceholderValue'))} what={t('plan.sentBody', { kind: object.kind, name: object.name })} />
        </div>
      ))}
    </div>
  );
}
