/** Every control's id; the form finds the first invalid control through aria-invalid, not by id. */
export const fieldId = (field: string): string => `field-${field}`;
