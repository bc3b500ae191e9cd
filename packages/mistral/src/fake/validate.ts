/**
 * Request validation for the fake Mistral server, answering the way the real API does: body
 * problems become a 422 whose `detail` array has FastAPI/pydantic entries `{ type, loc, msg,
 * input }` with `loc` starting at "body" (the shape the SDK's HTTPValidationError parses, and
 * the one seen from the API, e.g. `extra_forbidden` for unknown fields). Test support only.
 */
import { z } from 'zod';
import { chatRequest, documentUrlChunk, fileChunk, imageUrlChunk, ocrRequest, type ValidationDetail } from '../wire';

export type Validated<T> = { ok: true; value: T } | { ok: false; details: ValidationDetail[] };

const pydanticType: Record<string, [string, string]> = {
  string: ['string_type', 'Input should be a valid string'],
  number: ['float_type', 'Input should be a valid number'],
  int: ['int_type', 'Input should be a valid integer'],
  boolean: ['bool_type', 'Input should be a valid boolean'],
  array: ['list_type', 'Input should be a valid list'],
  object: ['dict_type', 'Input should be a valid dictionary or object to extract fields from'],
  record: ['dict_type', 'Input should be a valid dictionary'],
};

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function toDetails(issues: z.core.$ZodIssue[], input: unknown, prefix: (string | number)[]): ValidationDetail[] {
  const details: ValidationDetail[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
    const loc = [...prefix, ...path];
    const value = valueAt(input, path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        details.push({ type: 'extra_forbidden', loc: [...loc, key], msg: 'Extra inputs are not permitted', input: valueAt(value, [key]) });
      }
    } else if (issue.code === 'invalid_type' && value === undefined) {
      details.push({ type: 'missing', loc, msg: 'Field required', input: valueAt(input, path.slice(0, -1)) });
    } else if (issue.code === 'invalid_type') {
      const [type, msg] = pydanticType[issue.expected] ?? ['type_error', issue.message];
      details.push({ type, loc, msg, input: value });
    } else if (issue.code === 'too_small' && issue.origin === 'array') {
      const count = Array.isArray(value) ? value.length : 0;
      const msg = `List should have at least ${String(issue.minimum)} item after validation, not ${count}`;
      details.push({
        type: 'too_short',
        loc,
        msg,
        input: value,
        ctx: { field_type: 'List', min_length: issue.minimum, actual_length: count },
      });
    } else if (issue.code === 'too_small') {
      const msg = `Input should be greater than or equal to ${String(issue.minimum)}`;
      details.push({ type: 'greater_than_equal', loc, msg, input: value, ctx: { ge: issue.minimum } });
    } else if (issue.code === 'too_big') {
      const msg = `Input should be less than or equal to ${String(issue.maximum)}`;
      details.push({ type: 'less_than_equal', loc, msg, input: value, ctx: { le: issue.maximum } });
    } else if (issue.code === 'invalid_value') {
      const expected = issue.values.map((option) => `'${String(option)}'`).join(' or ');
      details.push({ type: 'literal_error', loc, msg: `Input should be ${expected}`, input: value, ctx: { expected } });
    } else if (issue.code === 'invalid_union') {
      details.push({ type: 'union_tag_invalid', loc, msg: issue.message, input: value });
    } else {
      details.push({ type: 'value_error', loc, msg: issue.message, input: value });
    }
  }
  return details;
}

function isUrl(value: string): boolean {
  if (value.startsWith('data:')) return /^data:[^,]*,/.test(value);
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function urlDetail(loc: (string | number)[], input: string): ValidationDetail {
  return { type: 'url_parsing', loc, msg: 'Input should be a valid URL (http, https or data:)', input };
}

const ocrTop = ocrRequest.extend({ document: z.unknown().optional() });

/** Validates a /v1/ocr body; the document is checked against the branch its `type` names. */
export function validateOcr(body: unknown): Validated<z.infer<typeof ocrRequest>> {
  const top = ocrTop.safeParse(body);
  const document = valueAt(body, ['document']);
  const details = top.success ? [] : toDetails(top.error.issues, body, ['body']);
  if (document === undefined) {
    details.push({ type: 'missing', loc: ['body', 'document'], msg: 'Field required', input: body });
  } else {
    const type = valueAt(document, ['type']);
    const branch =
      type === 'image_url'
        ? imageUrlChunk
        : type === 'file'
          ? fileChunk
          : type === 'document_url' || type === undefined
            ? documentUrlChunk
            : null;
    if (branch === null) {
      const msg = `Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'file', 'document_url', 'image_url'`;
      details.push({ type: 'union_tag_invalid', loc: ['body', 'document'], msg, input: document });
    } else {
      const parsed = branch.safeParse(document);
      if (!parsed.success) details.push(...toDetails(parsed.error.issues, document, ['body', 'document', String(type ?? 'document_url')]));
      else if ('document_url' in parsed.data && !isUrl(parsed.data.document_url)) {
        details.push(urlDetail(['body', 'document', 'document_url'], parsed.data.document_url));
      } else if ('image_url' in parsed.data) {
        const url = typeof parsed.data.image_url === 'string' ? parsed.data.image_url : parsed.data.image_url.url;
        if (!isUrl(url)) details.push(urlDetail(['body', 'document', 'image_url'], url));
      }
    }
  }
  if (details.length > 0 || !top.success) return { ok: false, details };
  return { ok: true, value: top.data as z.infer<typeof ocrRequest> };
}

/** Validates a /v1/chat/completions body, including that json_schema mode carries a schema. */
export function validateChat(body: unknown): Validated<z.infer<typeof chatRequest>> {
  const parsed = chatRequest.safeParse(body);
  if (!parsed.success) return { ok: false, details: toDetails(parsed.error.issues, body, ['body']) };
  const format = parsed.data.response_format;
  if (format?.type === 'json_schema' && !format.json_schema) {
    return {
      ok: false,
      details: [{ type: 'missing', loc: ['body', 'response_format', 'json_schema'], msg: 'Field required', input: format }],
    };
  }
  return { ok: true, value: parsed.data };
}
