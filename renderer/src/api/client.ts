import { createClient, type SkyliftClient } from '../../../shared/contract/client';
import { createTransport } from './transport';

/** The one client the whole UI uses; pages call `skylift.api.<domain>.<verb>(input)`. */
export const skylift: SkyliftClient = createClient(createTransport());
