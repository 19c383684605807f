import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import type { AccessTab } from '../../data/navigation';
import { useAccessViewStore } from './access-view-store';

const TABS: AccessTab[] = ['settings', 'plan', 'status', 'cluster-sync'];

export const tabId = (tab: AccessTab) => `access-tab-${tab}`;
export const panelId = (tab: AccessTab) => `access-panel-${tab}`;

/** The ARIA tabs pattern: arrow keys move between tabs, Tab moves into the panel. */
export function AccessTabs() {
  const { t } = useTranslation();
  const current = useAccessViewStore((state) => state.tab);
  const showTab = useAccessViewStore((state) => state.showTab);
  const list = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    const edge = { Home: 0, End: TABS.length - 1 }[event.key];
    if (step === undefined && edge === undefined) return;
    event.preventDefault();
    const from = TABS.findIndex((tab) => tabId(tab) === (event.target as HTMLElement).id);
    const next = TABS[edge ?? ((from === -1 ? TABS.indexOf(current) : from) + step! + TABS.length) % TABS.length]!;
    showTab(next);
    list.current?.querySelector<HTMLElement>(`#${tabId(next)}`)?.focus();
  };

  return (
    <div className="tabs" role="tablist" aria-label={t('accessForm.tabs')} ref={list} onKeyDown={onKeyDown}>
      {TABS.map((tab) => (
        <button
          key={tab}
          id={tabId(tab)}
          type="button"
          role="tab"
          className="tab"
          aria-selected={tab === current}
          aria-controls={panelId(tab)}
          tabIndex={tab === current ? 0 : -1}
          onClick={() => showTab(tab)}
        >
          {t(`accessForm.tab.${tab}`)}
        </button>
      ))}
    </div>
  );
}
