// A labelled form field with its hint and its error wired for screen readers (WCAG 2.1: 1.3.1, 3.3.1).
import { useId, type ReactNode } from 'react';

interface Props {
  readonly label: string;
  readonly required?: boolean;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly counter?: string;
  readonly children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

export function Field({ label, required = false, hint, error, counter, children }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint === undefined ? null : hintId, error === undefined ? null : errorId].filter((x) => x !== null).join(' ') || undefined;
  return (
    <div className={`zt-field${error === undefined ? '' : ' zt-field-invalid'}`}>
      <label htmlFor={id} className="zt-label">
        {label}
        {required && (
          <span className="zt-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      {children({ id, describedBy, invalid: error !== undefined })}
      {counter !== undefined && (
        <span className="zt-counter">
          {counter}
        </span>
      )}
      {hint !== undefined && (
        <p id={hintId} className="zt-hint">
          {hint}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="zt-field-error">
          {error}
        </p>
      )}
    </div>
  );
}
