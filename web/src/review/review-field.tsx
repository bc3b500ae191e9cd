/**
 * One field of the review form: its label, how confidently it was read, why it needs a second look
 * (highlighted), and the browser's check message. The control gets the ids it must point at.
 */
import type { ReactNode } from 'react';
import { confidenceText, type FieldFlag } from './confidence';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export function ReviewField({
  id,
  label,
  flag,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  flag?: FieldFlag;
  error?: string;
  hint?: ReactNode;
  children: (control: ControlProps) => ReactNode;
}) {
  const notes = [flag?.low && `${id}-why`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="review-field" data-low={flag?.low || undefined} data-invalid={error ? true : undefined}>
      <div className="review-field-head">
        <label htmlFor={id}>{label}</label>
        {flag && (
          <span className="review-confidence" data-low={flag.low || undefined}>
            <span className="visually-hidden">Read with </span>
            {confidenceText(flag.confidence)}
            <span className="visually-hidden"> confidence</span>
          </span>
        )}
      </div>
      {children({ id, ...(notes && { 'aria-describedby': notes }), ...(error && { 'aria-invalid': true as const }) })}
      {flag?.low && (
        <p id={`${id}-why`} className="review-why">
          Check this: {flag.reasons.join('; ')}.
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="muted review-small">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="review-error">
          {error}
        </p>
      )}
    </div>
  );
}
