import { useState } from 'react';
import { ProblemBanner } from '../ProblemBanner';
import { useTranslation } from '../../i18n/useTranslation';
import { useNamespacePages, type ListNamespaces } from './use-namespace-pages';
import { VirtualRows } from '../VirtualRows';
import { domId } from '../dom-id';
import { Button } from '../Button';

interface NamespacePickerProps {
  /** How the screen asks main for a page: `listNamespaces` from data/namespaces. */
  list: ListNamespaces;
  context: string;
  /** What a checked box means here, e.g. "Exclude" or "Include"; absent: the list only shows. */
  pick?: {
    isPicked: (name: string) => boolean;
    onPick: (names: string[], picked: boolean) => void;
  };
  labelSelector?: string;
  label: string;
}

const ROW_HEIGHT = 32;
const HEIGHT = 288;

/**
 * The namespaces of one cluster, searchable and fetched a page at a time; only the rows in view
 * are rendered, so a cluster with thousands of namespaces stays quick to search and scroll.
 */
export function NamespacePicker({ list, context, pick, labelSelector, label }: NamespacePickerProps) {
  const { t, language } = useTranslation();
  const [search, setSearch] = useState('');
  const pages = useNamespacePages(list, context, search, labelSelector);
  const [busy, setBusy] = useState(false);
  const id = domId('ns', context);
  const number = (value: number) => value.toLocaleString(language);

  const pickAll = async (picked: boolean) => {
    setBusy(true);
    const names = await pages.all();
    setBusy(false);
    if (names && pick) pick.onPick(names, picked);
  };

  const renderRow = (index: number) => {
    const item = pages.items[index]!;
    const terminating = item.phase === 'Terminating' && <span className="badge">{t('namespaces.terminating')}</span>;
    if (!pick) {
      return (
        <span className="namespace-row mono">
          {item.name} {terminating}
        </span>
      );
    }
    const rowId = `${id}-${index}`;
    return (
      <span className="namespace-row">
        <input id={rowId} type="checkbox" checked={pick.isPicked(item.name)} onChange={(event) => pick.onPick([item.name], event.target.checked)} />
        <label htmlFor={rowId} className="mono">
          {item.name}
        </label>
        {terminating}
      </span>
    );
  };

  return (
    <div className="namespace-picker" data-testid="namespace-picker">
      <p className="picker-caption" aria-hidden="true">
        {label}
      </p>
      <div className="namespace-tools">
        <label htmlFor={`${id}-search`} className="visually-hidden">
          {t('namespaces.search', { context })}
        </label>
        <input
          id={`${id}-search`}
          type="search"
          className="search-input"
          placeholder={t('namespaces.searchPlaceholder')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <Button onClick={pages.reload} disabled={pages.loading}>
          {t('namespaces.reload')}
          <span className="visually-hidden"> {context}</span>
        </Button>
        {pick && (
          <>
            <Button disabled={busy || pages.matched === 0} onClick={() => void pickAll(true)}>
              {t('namespaces.pickAll', { count: number(pages.matched) })}
            </Button>
            <Button disabled={busy || pages.matched === 0} onClick={() => void pickAll(false)}>
              {t('namespaces.unpickAll', { count: number(pages.matched) })}
            </Button>
          </>
        )}
      </div>
      <p className="detail" aria-live="polite" data-testid="namespace-count">
        {pages.loading && pages.items.length === 0
          ? t('namespaces.loading')
          : t('namespaces.count', { matched: number(pages.matched), total: number(pages.total) })}
      </p>
      <ProblemBanner problem={pages.error} />
      <VirtualRows
        count={pages.matched}
        loaded={pages.items.length}
        rowHeight={ROW_HEIGHT}
        height={Math.min(HEIGHT, Math.max(pages.matched, 1) * ROW_HEIGHT)}
        label={label}
        renderRow={renderRow}
        placeholder={<span className="namespace-row muted">{t('namespaces.loadingRow')}</span>}
        onNeedMore={pages.more}
        focusable={!pick}
        resetKey={`${search}\n${labelSelector ?? ''}`}
      />
    </div>
  );
}
