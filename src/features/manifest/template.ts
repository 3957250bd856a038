/**
 * Fills the manifest template's `${{NAME}}` placeholders (the Microsoft 365 Agents Toolkit
 * convention) from an environment's values. Placeholders are replaced inside the parsed
 * JSON's strings, never in the raw text, so a value holding a quote cannot break the file.
 */

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** A placeholder with no value, and where in the manifest it is used (JSON pointers). */
export interface MissingValue {
  name: string;
  paths: string[];
}

/** The filled manifest, the placeholders that had no value (left as they were), and which values filled each path. */
export interface FilledTemplate {
  manifest: unknown;
  missing: MissingValue[];
  /** JSON pointer -> the names of the values put there, so a problem can name its variable. */
  filledFrom: Map<string, string[]>;
}

function pointer(parent: string, key: string | number): string {
  return `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * Replaces every `${{NAME}}` in the template's strings with `values[NAME]`. A value that is
 * unset or blank counts as missing: the placeholder stays and is reported with its paths.
 * @param template the parsed manifest template.
 * @param values the environment's variables.
 */
export function fillPlaceholders(template: unknown, values: Readonly<Record<string, string | undefined>>): FilledTemplate {
  const missing = new Map<string, string[]>();
  const filledFrom = new Map<string, string[]>();
  const fill = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        const value = values[name]?.trim();
        if (value) {
          filledFrom.set(at || '/', [...(filledFrom.get(at || '/') ?? []), name]);
          return value;
        }
        missing.set(name, [...(missing.get(name) ?? []), at || '/']);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, index) => fill(item, pointer(at, index)));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, pointer(at, key))]));
    }
    return node;
  };
  const manifest = fill(template, '');
  return { manifest, missing: [...missing].map(([name, paths]) => ({ name, paths })), filledFrom };
}
