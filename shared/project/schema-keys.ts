import type { z } from 'zod';
import { projectConfigSchema } from './schema';

/** zod wrappers whose inner schema holds the keys (optional, default, nullable, pipe's input). */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = current._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
    const inner = def.innerType ?? def.in;
    if (!inner) break;
    current = inner;
  }
  return current;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = unwrap(schema)._zod.def as { type: string; shape?: Record<string, z.ZodType> };
  return def.type === 'object' ? def.shape : undefined;
}

/** The object schema's entries at a path of skylift.yaml (e.g. ['targets', 'aws-lambda']), read from the zod schema itself. */
export function schemaShapeAt(path: readonly (string | number)[], root: z.ZodType = projectConfigSchema): Record<string, z.ZodType> | undefined {
  let shape = shapeOf(root);
  for (const key of path) {
    const next = shape?.[String(key)];
    if (!next) return undefined;
    shape = shapeOf(next);
  }
  return shape;
}

/** The keys skylift.yaml allows at a path; empty where the path is not a fixed mapping. */
export function schemaKeysAt(path: readonly (string | number)[]): string[] {
  return Object.keys(schemaShapeAt(path) ?? {});
}

/** Whether the key must be written (zod marks optional and defaulted keys with optin). */
export function isRequiredKey(path: readonly (string | number)[], key: string): boolean {
  const field = schemaShapeAt(path)?.[key];
  return field !== undefined && field._zod.optin === undefined;
}
