import { useState, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { NamespacePicker } from '../../ui/namespaces/NamespacePicker';
import { pickedNames } from '../../ui/namespaces/picked-names';
import { listNamespaces } from '../../data/namespaces';
import { Button } from '../../ui/Button';
import { usePullDoctorStore } from './pull-doctor-store';

/**
 * Where the doctor looks: namespaces typed (none for all of them), or ticked in the namespace
 * picker of Manage access, listed from one of the picked contexts only when the operator asks.
 * The form's own actions sit in the input's row, so the search reads as one line of full-size buttons.
 */
export function NamespaceField({ actions }: { actions: ReactNode }) {
  const { t } = useTranslation();
  const contexts = usePullDoctorStore((state) => state.scope.contexts);
  const namespaces = usePullDoctorStore((state) => state.scope.namespaces);
  const namespacesText = usePullDoctorStore((state) => state.namespacesText);
  const setNamespacesText = usePullDoctorStore((state) => state.setNamespacesText);
  const [browsing, setBrowsing] = useState(false);
  const [chosen, setChosen] = useState('');
  const browse = contexts.includes(chosen) ? chosen : contexts[0];
  const picked = new Set(namespaces);
  return (
    <div className="field doctor-namespaces">
      <label htmlFor="doctor-namespaces">{t('doctor.find.namespaces')}</label>
      <div className="doctor-namespaces-row">
        <input id="doctor-namespaces" type="text" value={namespacesText} onChange={(event) => setNamespacesText(event.target.value)} aria-describedby="doctor-namespaces-hint" />
        {browse && (
          <Button aria-expanded={browsing} onClick={() => setBrowsing(!browsing)}>
            {t(browsing ? 'doctor.find.browseHide' : 'doctor.find.browse')}
          </Button>
        )}
        {actions}
      </div>
      <p id="doctor-namespaces-hint" className="field-hint">
        {t('doctor.find.namespacesHint')}
      </p>
      {browse && browsing && contexts.length > 1 && (
        <div className="doctor-browse">
          <label htmlFor="doctor-browse-context">{t('doctor.find.browseContext')}</label>
          <select id="doctor-browse-context" value={browse} onChange={(event) => setChosen(event.target.value)}>
            {contexts.map((context) => (
              <option key={context}>{context}</option>
            ))}
          </select>
        </div>
      )}
      {browse && browsing && (
        <NamespacePicker
          list={listNamespaces}
          context={browse}
          label={t('doctor.find.pickLabel', { context: browse })}
          pick={{ isPicked: (name) => picked.has(name), onPick: (names, on) => setNamespacesText(pickedNames(namespaces, names, on).join(', ')) }}
        />
      )}
    </div>
  );
}
