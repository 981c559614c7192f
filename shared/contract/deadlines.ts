import { z } from 'zod';

/** A startup deadline in seconds: the Settings field's range, and the same for a run's own override (CLI --startup-timeout). */
export const startupTimeoutSecondsSchema = z.number({ error: 'Enter a number' }).int('Enter a whole number').min(5, 'At least 5 seconds').max(3600, 'At most 3600 seconds (an hour)');
