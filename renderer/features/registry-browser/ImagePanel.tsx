import type { ImageDetail } from '../../../shared/registry-browser-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';
import { TimeText } from '../../ui/time/TimeText';
import { CopyValue } from '../../ui/CopyValue';
import { DataTable } from '../../ui/DataTable';
import { DIGEST_SHOWN, HostText } from '../../ui/HostText';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { useBrowserStore } from './browser-store';
import { LevelHeading, Reading } from './ListProgress';
import { pullReferences, sizeText } from './image-figures';
import { WhereItRuns } from './WhereItRuns';

function Platforms({ image }: { image: ImageDetail }) {
  const { t } = useTranslation();
  const unknown = t('browse.unknown');
  return (
    <DataTable caption={t('browse.platforms')} columns={[t('browse.platform'), t('browse.digest'), t('browse.size'), t('browse.created')]} className="browse-platforms" testId="browse-platforms">
      {image.platforms.map((platform) => (
        <tr key={platform.digest}>
          <th scope="row">{platform.platform ?? unknown}</th>
          {/* Cut in the middle, whole on hover and copyable: a 71-character digest no longer widens the table past a 1024 px window. */}
          <td className="mono">
            <HostText value={platform.digest} truncateAt={DIGEST_SHOWN} />
          </td>
          <td>{sizeText(platform.size, unknown)}</td>
          <td>{platform.created ? <TimeText at={platform.created} /> : unknown}</td>
        </tr>
      ))}
    </DataTable>
  );
}

function Facts({ image }: { image: ImageDetail }) {
  const { t } = useTranslation();
  const kind =
    image.kind !== 'index' ? t(`browse.kind.${image.kind}`) : image.hubPulls?.manifests === 'unread' ? t('browse.kind.indexUnread') : t('browse.kind.index', { count: image.platforms.length });
  const annotations = Object.entries(image.annotations);
  return (
    <dl className="browse-facts">
      <dt>{t('browse.digest')}</dt>
      <dd>
        <CopyValue value={image.digest} />
      </dd>
      <dt>{t('browse.pullReferences')}</dt>
      {pullReferences(image.pullName, image.reference, image.digest).map((reference) => (
        <dd key={reference}>
          <CopyValue value={reference} />
        </dd>
      ))}
      <dt>{t('browse.kind')}</dt>
      <dd>{kind}</dd>
      <dt>{t('browse.mediaType')}</dt>
      <dd className="mono">{image.mediaType}</dd>
      <dt>{t('browse.signature')}</dt>
      <dd>{t(`browse.attachment.${image.signature}`)}</dd>
      <dt>{t('browse.attestation')}</dt>
      <dd>{t(`browse.attachment.${image.attestation}`)}</dd>
      {annotations.length > 0 && <dt>{t('browse.annotations')}</dt>}
      {annotations.map(([key, value]) => (
        <dd key={key} className="mono">
          {key}={value}
        </dd>
      ))}
    </dl>
  );
}

/**
 * Docker Hub counts each manifest GET as a pull: a Hub image opens by HEAD, and its platforms are
 * read only when the operator asks, told how many pulls are left (from that HEAD's headers) and,
 * once read, how many the Hub reported left after the read's GETs.
 */
function HubPulls({ image, busy, onRead }: { image: ImageDetail; busy: boolean; onRead: () => void }) {
  const { t } = useTranslation();
  const pulls = image.hubPulls;
  if (!pulls) return null;
  if (pulls.manifests === 'read') {
    return (
      <p className="muted" data-testid="browse-hub-pulls">
        {pulls.allowance.state === 'reported' ? t('browse.hubPulls.readDone', { remaining: pulls.allowance.remaining }) : t('browse.hubPulls.readDoneUnknown')}
      </p>
    );
  }
  if (pulls.manifests === 'cached') return <p className="muted" data-testid="browse-hub-pulls">{t('browse.hubPulls.cached')}</p>;
  return (
    <div className="browse-hub-pulls" data-testid="browse-hub-pulls">
      <p className="muted">{t('browse.hubPulls.unread')}</p>
      <Button small onClick={onRead} disabled={busy}>
        {pulls.allowance.state === 'reported' ? t('browse.hubPulls.read', { remaining: pulls.allowance.remaining }) : t('browse.hubPulls.readUnknown')}
      </Button>
    </div>
  );
}

export function ImagePanel() {
  const { t } = useTranslation();
  const { repository, reference, image, imageLoading, imageError, back, cancel, readImageManifests } = useBrowserStore();
  return (
    <section className="card" aria-labelledby="browse-image">
      <LevelHeading id="browse-image" onBack={back} mono takeFocus>
        {t('browse.image', { repository: repository ?? '', reference: reference ?? '' })}
      </LevelHeading>
      <ProblemBanner problem={imageError} />
      {imageLoading && <Reading onCancel={cancel} />}
      {image && (
        <>
          <Facts image={image} />
          <HubPulls image={image} busy={imageLoading} onRead={readImageManifests} />
          {image.platforms.length > 0 && <Platforms image={image} />}
          <p className="muted">{t('browse.requests', { requests: image.requests })}</p>
        </>
      )}
      <WhereItRuns />
    </section>
  );
}
