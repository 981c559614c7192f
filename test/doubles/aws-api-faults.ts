/**
 * Injected API failures for the AWS doubles: throttling storms and 5xx, answered in place of the
 * next matching requests (after the signature is checked, as AWS's front ends throttle signed calls).
 */
export interface ApiFault {
  /** e.g. 429 with ThrottlingException, 500 with ServerException / ServiceFailure, 503 with ServiceUnavailable. */
  status: number;
  code: string;
  message?: string;
}

export class ApiFaultQueue {
  private readonly queued: Array<{ fault: ApiFault; operation?: string }> = [];

  /** The next `count` requests to `operation` (or to any operation) answer `fault`. */
  add(fault: ApiFault, count = 1, operation?: string): void {
    for (let i = 0; i < count; i++) this.queued.push({ fault, operation });
  }

  /** The fault this request must answer, if one is queued for it; it is used up. */
  take(operation: string): ApiFault | null {
    const at = this.queued.findIndex((f) => f.operation === undefined || f.operation === operation);
    return at < 0 ? null : this.queued.splice(at, 1)[0].fault;
  }
}
