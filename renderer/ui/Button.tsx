import type { ButtonHTMLAttributes, Ref } from 'react';

export type ButtonTone = 'primary' | 'danger' | 'danger-solid' | 'quiet';

interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'className' | 'type'> {
  /** Primary: the screen's main action; danger: removes something; quiet: a secondary action in a row. */
  tone?: ButtonTone;
  small?: boolean;
  /** Sits in a line of text rather than in a row of actions. */
  inline?: boolean;
  /** A form's submit button; every other button does nothing by default. */
  type?: 'button' | 'submit';
  ref?: Ref<HTMLButtonElement>;
}

/** The app's one button: its look comes from its tone, never from a class written at the call site. */
export function Button({ tone, small = false, inline = false, type = 'button', ...rest }: ButtonProps) {
  const className = ['button', tone && `button-${tone}`, small && 'button-small', inline && 'inline-action'].filter(Boolean).join(' ');
  return <button type={type} className={className} {...rest} />;
}
