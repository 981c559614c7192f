/**
 * The AWS doubles' view of a botocore service model: load it, validate a request against it
 * (aws-model-core.ts), read and answer it in the service's protocol (aws-model-wire.ts,
 * aws-model-answers.ts). Doubles import from here.
 */
export { FIXTURES_AWS, loadServiceModel, ServiceModel, validationMessage, type ModelProblem, type Operation, type Shape, type ShapeRef } from './aws-model-core';
export { parseRequest, readWireRequest, sendWireAnswer, WireError, type ParsedRequest, type WireAnswer, type WireRequest } from './aws-model-wire';
export { errorAnswer, successAnswer, toJsonValue } from './aws-model-answers';
