import { useMemo } from 'react';
import { DEFAULT_EXCLUDED_NAMESPACES, type NamespaceSelection } from '../../../../shared/access-settings';
import { parseLabelSelector } from '../../../../shared/label-selector';
import { useTranslation } from '../../../i18n/useTranslation';
import { ChoiceCard } from '../../../ui/fields/ChoiceCard';
import { TextField } from '../../../ui/fields/TextField';
import { useAccessFormStore } from '../access-form-store';
import { NamesField } from './NamesField';
import { NamespacePicker } from '../../../ui/namespaces/NamespacePicker';
import { pickedNames } from '../../../ui/namespaces/picked-names';
import { listNamespaces } from '../../../data/namespaces';
import { useErrorText } from './use-access-errors';

interface NamespaceSelectionFieldProps {
  idPrefix: string;
  /** The settings path of this selection, e.g. `scope.namespaces`. */
  field: string;
  selection: NamespaceSelection;
  /** `edited`: the settings path of the part that changed, so its problems show from now on. */
  onChange: (selection: NamespaceSelection, edited: string) => void;
  /** The cluster whose namespaces the picker shows; null when none can be browsed. */
  browse: string | null;
}

const KINDS = ['all', 'list', 'selector'] as const;

function switchKind(kind: NamespaceSelection['kind'], current: NamespaceSelection): NamespaceSelection {
  if (kind === current.kind) return current;
  if (kind === 'all') return { kind, excluded: [...DEFAULT_EXCLUDED_NAMESPACES] };
  if (kind === 'list') return { kind, names: [] };
  return { kind, labelSelector: '' };
}

function NamesWithPicker({ idPrefix, field, names, onNames, browse, label, pickLabel }: {
  idPrefix: string;
  field: string;
  names: string[];
  onNames: (names: string[]) => void;
  browse: string | null;
  label: string;
  pickLabel: string;
}) {
  const { t } = useTranslation();
  const touch = useAccessFormStore((state) => state.touch);
  const error = useErrorText(field);
  const picked = useMemo(() => new Set(names.map((name) => name.trim())), [names]);
  return (
    <div className="names-with-picker">
      {browse && (
        <NamespacePicker
          list={listNamespaces}
          context={browse}
          label={pickLabel}
          pick={{ isPicked: (name) => picked.has(name), onPick: (changed, on) => onNames(pickedNames(names, changed, on)) }}
        />
      )}
      <NamesField id={`${idPrefix}-names`} label={label} names={names} onChange={onNames} onBlur={() => touch(field)} hint={t('accessForm.onePerLine')} error={error} rows={5} />
    </div>
  );
}

function SelectorInput({ idPrefix, field, labelSelector, onChange, browse }: {
  idPrefix: string;
  field: string;
  labelSelector: string;
  onChange: (labelSelector: string) => void;
  browse: string | null;
}) {
  const { t } = useTranslation();
  const touch = useAccessFormStore((state) => state.touch);
  const error = useErrorText(field);
  const valid = labelSelector.trim() !== '' && parseLabelSelector(labelSelector).ok;
  return (
    <>
      <TextField
        id={`${idPrefix}-selector`}
        label={t('accessForm.labelSelector')}
        value={labelSelector}
        onChange={onChange}
        onBlur={() => touch(field)}
        placeholder="team=payments,env in (prod,staging)"
        hints={[t('accessForm.labelSelectorHint')]}
        error={error}
      />
      {browse && valid && <NamespacePicker list={listNamespaces} context={browse} labelSelector={labelSelector.trim()} label={t('accessForm.selectorMatches', { context: browse })} />}
    </>
  );
}

export function NamespaceSelectionField({ idPrefix, field, selection, onChange, browse }: NamespaceSelectionFieldProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="field choice-field">
      <legend>{t('accessForm.namespaces')}</legend>
      <div className="choice-list choice-row">
        {KINDS.map((kind) => (
          <ChoiceCard
            key={kind}
            id={`${idPrefix}-kind-${kind}`}
            name={`${idPrefix}-kind`}
            title={t(`access.namespaces.${kind}`)}
            checked={selection.kind === kind}
            onChoose={() => onChange(switchKind(kind, selection), `${field}.kind`)}
          />
        ))}
      </div>
      {selection.kind === 'all' && (
        <NamesWithPicker
          idPrefix={idPrefix}
          field={`${field}.excluded`}
          names={selection.excluded}
          onNames={(excluded) => onChange({ kind: 'all', excluded }, `${field}.excluded`)}
          browse={browse}
          label={t('accessForm.excluded')}
          pickLabel={t('accessForm.pickExcluded', { context: browse ?? '' })}
        />
      )}
      {selection.kind === 'list' && (
        <NamesWithPicker
          idPrefix={idPrefix}
          field={`${field}.names`}
          names={selection.names}
          onNames={(names) => onChange({ kind: 'list', names }, `${field}.names`)}
          browse={browse}
          label={t('accessForm.listed')}
          pickLabel={t('accessForm.pickListed', { context: browse ?? '' })}
        />
      )}
      {selection.kind === 'selector' && (
        <SelectorInput
          idPrefix={idPrefix}
          field={`${field}.labelSelector`}
          labelSelector={selection.labelSelector}
          onChange={(labelSelector) => onChange({ kind: 'selector', labelSelector }, `${field}.labelSelector`)}
          browse={browse}
        />
      )}
    </fieldset>
  );
}
