import { SkyliftError } from '../../../../../shared/errors';

/** Placeholder while issue 10's pieces land in this session; every caller is replaced before it ends. */
export const notYet = (what: string): never => {
  throw new SkyliftError({ code: 'NOT_AVAILABLE', message: `${what} is not available yet.` });
};
