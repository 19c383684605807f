import type { FieldSpec } from '../../../../shared/registry-catalogue';
import { CaCertificateField } from './CaCertificateField';
import { ChoiceField } from './ChoiceField';
import { ServiceAccountJsonField } from './ServiceAccountJsonField';
import { SpecTextField } from './SpecTextField';

/** One catalogue field, drawn with the control its spec names. */
export function SpecField({ field, error }: { field: FieldSpec; error: string | undefined }) {
  switch (field.control) {
    case 'text':
    case 'secret':
      return <SpecTextField field={field} error={error} />;
    case 'choice':
      return <ChoiceField field={field} error={error} />;
    case 'service-account-json':
      return <ServiceAccountJsonField field={field} error={error} />;
    case 'ca-certificate':
      return <CaCertificateField field={field} error={error} />;
  }
}
