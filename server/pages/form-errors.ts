// ValidationError → what a form page shows: messages next to each field and a summary at the top
// that links to them. Fields the form does not show (or "__root") still appear in the summary.
// The actions (and the schemas) write their messages in Italian, as the API gives them: a page in English
// reads them through server/i18n/validation-en.ts; any message it does not know stays Italian and is marked
// lang="it" (WCAG 3.1.2, language of parts), so that a screen reader reads it right.
import { Request } from 'express';
import { FieldErrors, ValidationError } from '../core/errors';
import { validationMessageInEnglish } from '../i18n/validation-en';
import { t } from './page';

/** A form error raised by the pages themselves, its message already in the page's language. */
export class PageValidationError extends ValidationError {}

/** One field's message in the page's language (`message` comes from t()); 400 unless told. */
export function pageFieldError(field: string, message: string, status = 400): PageValidationError {
  return new PageValidationError({ [field]: [message] }, status);
}

/** The action's messages in the page's language where known, and whether any stayed Italian. */
export function pageErrors(req: Request, error: ValidationError): { fields: FieldErrors; italian: boolean } {
  if (error instanceof PageValidationError || (req.lang ?? 'it') === 'it') return { fields: error.fields, italian: false };
  let italian = false;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, messages]) => [field, messages.map((message) => {
    const english = validationMessageInEnglish(message);
    if (english === null) italian = true;
    return english ?? message;
  })]));
  return { fields, italian };
}

export interface SummaryItem {
  href: string | null;
  label: string;
  messages: string[];
}

export function fieldAnchor(name: string): string {
  return `#field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** `labels` maps a field name to its i18n key; nested errors ("resources.0.url") fall back to their first part. */
export function errorSummary(req: Request, errors: FieldErrors, labels: Record<string, string>): SummaryItem[] {
  return Object.entries(errors).map(([field, messages]) => {
    const shown = labels[field] ? field : labels[field.split('.')[0]] ? field.split('.')[0] : null;
    return {
      href: shown ? fieldAnchor(shown) : null,
      label: shown ? t(req, labels[shown]) : t(req, 'form.error.general'),
      messages,
    };
  });
}

/** Errors keyed by the field the form shows, so a nested message still lands next to an input. */
export function errorsByShownField(errors: FieldErrors, labels: Record<string, string>): FieldErrors {
  const shown: FieldErrors = {};
  for (const [field, messages] of Object.entries(errors)) {
    const key = labels[field] ? field : field.split('.')[0];
    shown[key] = [...(shown[key] ?? []), ...messages];
  }
  return shown;
}

function failedMessage(req: Request, count: number): string {
  return count === 1 ? t(req, 'flash.form_failed.one') : t(req, 'flash.form_failed.many', { count });
}

/** What the form templates need: per-field messages, the summary, their language, an "Error:" title. */
export function formErrorData(req: Request, error: ValidationError, labels: Record<string, string>, title?: string) {
  const { fields, italian } = pageErrors(req, error);
  return {
    errors: errorsByShownField(fields, labels),
    errorSummary: errorSummary(req, fields, labels),
    errorsLang: italian ? 'it' : null,
    // Announced in the layout's role="status" region: the submission failed, and how much is to fix.
    flash: { kind: 'error', message: failedMessage(req, Object.keys(error.fields).length) },
    // The document title says the form came back with errors (WCAG 3.3.1): it is what a screen reader announces first.
    ...(title ? { pageTitle: t(req, 'form.errors.page_title', { title }) } : {}),
  };
}

/** 400-range status for a form shown again: the action's own (409 conflict, 413 too large). */
export function formErrorStatus(error: ValidationError): number {
  return error.status >= 400 && error.status < 500 ? error.status : 400;
}
