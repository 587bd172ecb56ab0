import type { TLocalizedValidationError } from 'typebox/error';

/** '/history/3/at' → 'history[3].at', the same notation as the domain's own errors. */
export function fieldName(instancePath: string): string {
  let name = '';
  for (const segment of instancePath.split('/').slice(1)) {
    const decoded = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    name += /^\d+$/.test(decoded) ? `[${decoded}]` : name === '' ? decoded : `.${decoded}`;
  }
  return name;
}

const join = (parent: string, child: string): string => (parent === '' ? child : `${parent}.${child}`);

/**
 * One clear sentence from TypeBox's error list: the deepest offending field, named, with what it
 * must be. Union branches report one error each ("must be string", "must be null"), which are merged.
 */
export function validationMessage(errors: readonly TLocalizedValidationError[]): string {
  const useful = errors.filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'boolean');
  if (useful.length === 0) {
    // A `false` schema is where an object allows no other property: the path names the unknown field.
    const unknown = errors.find((error) => error.keyword === 'boolean' && error.instancePath !== '');
    if (unknown) return `${fieldName(unknown.instancePath)}: unknown field`;
    return errors[0]?.message ?? 'invalid input';
  }
  const depth = (error: TLocalizedValidationError): number => error.instancePath.split('/').length;
  const deepest = Math.max(...useful.map(depth));
  // At one path, a nullable enum reports both "not one of…" and "not null": the enum says more.
  const atPath = useful.filter((error) => depth(error) === deepest)
    .sort((a, b) => (a.keyword === 'type' ? 1 : 0) - (b.keyword === 'type' ? 1 : 0));
  const first = atPath[0] as TLocalizedValidationError;
  const path = fieldName(first.instancePath);
  if (first.keyword === 'required') return `${join(path, first.params.requiredProperties.join(', '))}: required`;
  if (first.keyword === 'additionalProperties') return `${join(path, first.params.additionalProperties.join(', '))}: unknown field`;
  if (first.keyword === 'enum') return `${path}: must be one of ${first.params.allowedValues.map(String).join(', ')}`;
  if (first.keyword === 'pattern') return `${path}: must match ${String(first.params.pattern)}`;
  if (first.keyword === 'format') {
    const format = first.params.format === 'date' ? 'date (YYYY-MM-DD)'
      : first.params.format === 'date-time' ? 'date-time (ISO 8601 with Z or an offset)' : first.params.format;
    return `${path}: must be a valid ${format}`;
  }
  if (first.keyword === 'type') {
    const types = atPath.flatMap((error) => (error.keyword === 'type' ? [error.params.type].flat() : []));
    return `${path || 'input'}: must be ${[...new Set(types)].join(' or ')}`;
  }
  return `${path || 'input'}: ${first.message}`;
}
